package dev.snowpipecdc.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The report's charts as PNG files, drawn by JFreeChart without a display. */
final class Charts {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 500;

    private Charts() {
    }

    /**
     * Changes per second per path: the median as a bar, the spread (half of max - min) as its error bar, and the
     * ceiling's median as a line across.
     */
    static void throughput(Map<String, List<Measured>> backlog, double ceiling, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        backlog.forEach((path, runs) -> data.add(BenchResults.median(runs, Measured::changesPerSecond),
                (BenchResults.max(runs, Measured::changesPerSecond) - BenchResults.min(runs,
                        Measured::changesPerSecond)) / 2, "changes/s", path));
        JFreeChart chart = ChartFactory.createLineChart("Backlog throughput (median over rounds; bars: spread)",
                null, "changes per second", data, PlotOrientation.HORIZONTAL, false, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        // the paths' names are long: give them up to half the width rather than cutting them
        plot.getDomainAxis().setMaximumCategoryLabelWidthRatio(0.5f);
        StatisticalBarRenderer bars = new StatisticalBarRenderer();
        bars.setErrorIndicatorPaint(Color.DARK_GRAY);
        bars.setSeriesPaint(0, new Color(0x29, 0x80, 0xB9));
        plot.setRenderer(bars);
        ValueMarker line = new ValueMarker(ceiling, Color.RED, new BasicStroke(2f));
        line.setLabel("ceiling");
        plot.addRangeMarker(line);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
    }

    /** Latency CDFs: a line per series (quantile against milliseconds, log scale). */
    static void latencyCdf(Map<String, LatencyProfile> series, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYSeriesCollection data = new XYSeriesCollection();
        series.forEach((name, profile) -> {
            XYSeries line = new XYSeries(name, false);
            for (int i = 0; i < profile.quantiles().length; i++) {
                line.add(Math.max(1, profile.millis()[i]), profile.quantiles()[i]);
            }
            data.addSeries(line);
        });
        JFreeChart chart = ChartFactory.createXYLineChart("Latency CDF: source commit to landed / to SCD Type 2",
                "milliseconds (log scale)", "fraction of changes", data, PlotOrientation.VERTICAL, true, false,
                false);
        XYPlot plot = chart.getXYPlot();
        LogAxis millis = new LogAxis("milliseconds (log scale)");
        millis.setBase(10);
        millis.setSmallestValue(1);
        millis.setMinorTickCount(9);
        millis.setMinorTickMarksVisible(true);
        millis.setNumberFormatOverride(NumberFormat.getIntegerInstance(Locale.ROOT));
        plot.setDomainAxis(millis);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            plot.getRenderer().setSeriesStroke(i, new BasicStroke(2f));
        }
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
    }
}
