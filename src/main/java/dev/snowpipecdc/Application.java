package dev.snowpipecdc;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.snowpipecdc.cli.Args;
import dev.snowpipecdc.cli.RenderSqlCommand;
import dev.snowpipecdc.cli.SqlCommand;
import dev.snowpipecdc.bench.BenchCommand;
import dev.snowpipecdc.demo.DemoCommand;
import dev.snowpipecdc.health.StartupFailure;
import dev.snowpipecdc.routes.RouteFiles;
import dev.snowpipecdc.routes.TopologyRoutes;
import org.apache.camel.main.Main;

/**
 * The one entry point: {@code run} (the pipeline, configured by application.properties and the environment),
 * {@code demo} (embedded PostgreSQL + workload + pipeline + embedded warehouse, then a report), {@code sql}
 * (query the embedded warehouse) and {@code render-sql} (print the warehouse objects the pipeline would apply).
 */
public final class Application {

    static final String USAGE = """
            Usage: java -jar snowpipe-cdc.jar <verb> [options]

              run  [--data-dir DIR]
                   The pipeline. Configured by application.properties, environment variables and -Dkey=value;
                   without snowflake.url (SNOWFLAKE_URL) it writes to the embedded warehouse in DIR (default: data).
                   cdc.topology (CDC_TOPOLOGY) lays it out: direct (PostgreSQL to the warehouse), consume
                   (Debezium's Kafka topics to the warehouse) or publish (PostgreSQL to Debezium's Kafka topics).
              demo [--events N | --duration D] [--rate R] [--source-script FILE.sql] [--data-dir DIR]
                   [--timeout D] [--json]
                   Starts PostgreSQL 17 with the customers/orders tables, makes N changes (default 2000) at R
                   per second (default 1000; 0 = as fast as possible), streams them into the embedded warehouse
                   in DIR (default: data/demo, wiped first), waits until all have landed and prints a report.
              """ + "     " + BenchCommand.USAGE + """

                   Measures the pipeline against the ceiling of its source (debezium-postgres with a no-op
                   processor) on embedded PostgreSQL and the embedded warehouse: backlog throughput over R rounds
                   (default 3 of 20000 changes, after a warm-up) and latency at fixed rates (default 1000/s for
                   30 s), with the warehouse's tasks suspended and running. DIR (default data/bench) is wiped first.
              """ + "     " + SqlCommand.USAGE + """

                   Runs Snowflake SQL (a statement, several separated by ';', or a file) on the embedded warehouse
                   in DIR (default: data; created when new) and prints the last result. Tasks and dynamic tables
                   run meanwhile, --time-scale times faster than written. Exit code 1 when a statement fails.
              """ + "     " + RenderSqlCommand.USAGE + """

                   Prints the SQL that run would apply to the warehouse with the current settings: versioned
                   scripts, each captured table's objects, repeatable scripts (--queries: the quality and
                   monitoring queries). Tables without cdc.tables.<table>.columns are read from the source
                   catalog, so the source database must be reachable.
            """;

    private Application() {
    }

    public static void main(String[] argv) throws Exception {
        int code;
        try {
            code = run(Arrays.asList(argv));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println();
            System.err.print(USAGE);
            code = 2;
        } catch (Exception e) {
            System.err.println("snowpipe-cdc " + (argv.length == 0 ? "" : argv[0]) + " failed: " + e.getMessage());
            // Camel wraps what its configuration threw: the innermost message often says what to fix
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            if (cause != e) {
                System.err.println("  caused by: " + cause.getMessage());
            }
            e.printStackTrace(System.err);
            code = 1;
        }
        // the ingest SDK and DuckDB leave non-daemon threads behind: end the JVM explicitly
        System.exit(code);
    }

    static int run(List<String> argv) throws Exception {
        if (argv.isEmpty() || argv.get(0).equals("help") || argv.get(0).equals("--help")) {
            System.out.print(USAGE);
            return argv.isEmpty() ? 2 : 0;
        }
        List<String> rest = argv.subList(1, argv.size());
        return switch (argv.get(0)) {
            case "run" -> runPipeline(rest);
            case "demo" -> DemoCommand.run(rest, System.out);
            case "bench" -> BenchCommand.run(rest, System.out);
            case "sql" -> SqlCommand.run(rest, System.out, System.err);
            case "render-sql" -> RenderSqlCommand.run(rest, System.out, Map.of());
            default -> throw new IllegalArgumentException("Unknown verb '" + argv.get(0) + "'");
        };
    }

    private static int runPipeline(List<String> argv) throws Exception {
        Args args = Args.parse(argv, Set.of("data-dir"), Set.of());
        return runPipeline(args.get("data-dir").map(dir -> Map.of("cdc.data-dir", dir)).orElse(Map.of()), System.err);
    }

    /**
     * Runs the pipeline until it is stopped (SIGTERM) or cannot run ({@link StartupFailure}: exit status 1, the
     * reason on {@code err}).
     */
    static int runPipeline(Map<String, String> overrides, PrintStream err) throws Exception {
        Main main = pipeline(overrides);
        StartupFailure startup = main.lookup(StartupFailure.ID, StartupFailure.class);
        StopSignals.onStop(() -> {
            startup.stopping();
            main.completed();
        });
        main.run();
        Optional<String> failure = startup.failure();
        if (failure.isPresent()) {
            err.println("snowpipe-cdc run failed: " + failure.get());
            return 1;
        }
        return main.getExitCode();
    }

    /**
     * The pipeline as a Camel Main application: its topology's Java routes and templates and YAML in routes/, and
     * {@link PipelineConfiguration}. {@code overrides} win over every other source of settings.
     */
    public static Main pipeline(Map<String, String> overrides) {
        Main main = new Main();
        // a mistake found at start stops the application rather than leave it running without capturing
        main.bind(StartupFailure.ID, new StartupFailure(main::completed));
        main.addMainListener(new RouteFiles());
        main.configure().addConfiguration(PipelineConfiguration.class);
        main.addMainListener(new TopologyRoutes());
        // the user's settings file first, so that the application's own overrides (run --data-dir) win over it
        OverridePropertiesFile.settings().forEach(main::addOverrideProperty);
        overrides.forEach(main::addOverrideProperty);
        return main;
    }
}
