package dev.snowpipecdc.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Credits per million changes for each way of loading them, from measured row sizes and a sustained rate, with
 * Snowflake's published prices (Service Consumption Table, effective 2026-03-31). Each line says its formula and
 * source; what cannot be measured here (the classic architecture's migration compute) is said, not guessed.
 */
final class CostModel {

    static final double HP_CREDITS_PER_GB = 0.0037;
    static final double SNOWPIPE_CREDITS_PER_GB = 0.0037;
    static final double CLASSIC_CREDITS_PER_CLIENT_HOUR = 0.01;
    static final double XS_WAREHOUSE_CREDITS_PER_HOUR = 1.0;

    static final String CONSUMPTION_TABLE = "https://www.snowflake.com/legal-files/CreditConsumptionTable.pdf";
    static final String HP_COST = "https://docs.snowflake.com/en/user-guide/snowpipe-streaming-high-performance-cost";
    static final String CLASSIC_COST = "https://docs.snowflake.com/en/user-guide/data-load-snowpipe-streaming-billing";
    static final String SNOWPIPE_COST =
            "https://docs.snowflake.com/en/release-notes/2025/other/2025-12-08-snowpipe-simplified-pricing";
    static final String WAREHOUSE_COST = "https://docs.snowflake.com/en/user-guide/cost-understanding-compute";

    /** One way of paying for a million changes. */
    record Line(String what, double creditsPerMillion, String formula, String source) {
    }

    private CostModel() {
    }

    /**
     * @param bytes      measured row sizes
     * @param perSecond  the sustained rate the pipeline runs at (client and warehouse hours depend on it)
     */
    static List<Line> perMillion(RowBytes bytes, double perSecond) {
        double hoursPerMillion = 1e6 / perSecond / 3600;
        List<Line> lines = new ArrayList<>();
        lines.add(new Line("Snowpipe Streaming, classic SDK (this pipeline): client time",
                CLASSIC_CREDITS_PER_CLIENT_HOUR * hoursPerMillion,
                String.format(Locale.ROOT, "0.01 credits per client-hour x 10^6 / %.0f changes/s / 3600 s; plus"
                        + " serverless migration compute, which Snowflake publishes no rate for: read it from"
                        + " METERING_HISTORY", perSecond), CLASSIC_COST));
        lines.add(new Line("Snowpipe Streaming, high-performance SDK", HP_CREDITS_PER_GB * bytes.valueBytes() / 1e3,
                String.format(Locale.ROOT, "0.0037 credits per uncompressed GB of values x 10^6 x %.0f B/change"
                        + " (values without column names)", bytes.valueBytes()), HP_COST));
        lines.add(new Line("Snowpipe (files of newline-delimited JSON)",
                SNOWPIPE_CREDITS_PER_GB * bytes.jsonBytes() / 1e3,
                String.format(Locale.ROOT, "0.0037 credits per uncompressed GB x 10^6 x %.0f B/change (JSON with"
                        + " column names)", bytes.jsonBytes()), SNOWPIPE_COST));
        lines.add(new Line("JDBC INSERT per batch (the snowflake-sink Kamelet's way), or the SCD/merge tasks",
                XS_WAREHOUSE_CREDITS_PER_HOUR * hoursPerMillion,
                String.format(Locale.ROOT, "an X-Small warehouse, 1 credit per hour, kept running by work every"
                        + " minute: 1 x 10^6 / %.0f changes/s / 3600 s", perSecond), WAREHOUSE_COST));
        return lines;
    }
}
