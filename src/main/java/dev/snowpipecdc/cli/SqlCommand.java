package dev.snowpipecdc.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.snowpipecdc.emulator.EmbeddedWarehouse;
import dev.snowpipecdc.warehouse.sql.SqlToken;
import dev.snowpipecdc.warehouse.sql.SqlTokenizer;

/**
 * {@code sql [--data-dir DIR] [--file SCRIPT.sql] [--format table|csv|json] [--time-scale N] ["STATEMENT"]}:
 * runs Snowflake SQL on the embedded warehouse in a data directory (created when it is new, so it doubles as a
 * Snowflake SQL sandbox) and prints the result of the last statement. While it runs, so do the warehouse's task
 * scheduler and dynamic-table refreshes, so a script can EXECUTE TASK and then SYSTEM$WAIT for it. A failing
 * statement prints its error and the command exits with 1.
 */
public final class SqlCommand {

    public static final String USAGE = "sql [--data-dir DIR] [--file SCRIPT.sql] [--format table|csv|json]"
            + " [--time-scale N] [\"STATEMENT; ...\"]";

    private SqlCommand() {
    }

    public static int run(List<String> argv, PrintStream out, PrintStream err) throws IOException {
        Args args = Args.parse(argv, Set.of("data-dir", "database", "schema", "file", "format", "time-scale"),
                Set.of());
        String script = script(args);
        String format = args.get("format").orElse("table");
        if (!Set.of("table", "csv", "json").contains(format)) {
            throw new IllegalArgumentException("--format must be table, csv or json");
        }
        Path dataDir = Path.of(args.get("data-dir").orElse("data"));
        double timeScale = Double.parseDouble(args.get("time-scale").orElse("1"));
        try (EmbeddedWarehouse warehouse = EmbeddedWarehouse.start(dataDir, args.get("database").orElse("SNOWPIPE_CDC"),
                args.get("schema").orElse("PUBLIC"), timeScale);
             Connection session = warehouse.dataSource().getConnection();
             Statement st = session.createStatement()) {
            List<String> statements = statements(script);
            boolean lastHadResult = false;
            for (int i = 0; i < statements.size(); i++) {
                try {
                    lastHadResult = st.execute(statements.get(i));
                } catch (SQLException e) {
                    err.println("Statement " + (i + 1) + " of " + statements.size() + " failed: " + e.getMessage());
                    return 1;
                }
            }
            if (lastHadResult) {
                try (ResultSet rs = st.getResultSet()) {
                    ResultPrinter.print(rs, session, format, out);
                }
            } else if (!statements.isEmpty()) {
                out.println(st.getUpdateCount() + " rows affected");
            }
            return 0;
        } catch (SQLException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    private static String script(Args args) throws IOException {
        if (args.get("file").isPresent()) {
            if (!args.positional().isEmpty()) {
                throw new IllegalArgumentException("Give either --file or a statement, not both. Usage: " + USAGE);
            }
            return Files.readString(Path.of(args.get("file").get()));
        }
        if (args.positional().size() != 1) {
            throw new IllegalArgumentException("Usage: " + USAGE);
        }
        return args.positional().get(0);
    }

    private static List<String> statements(String script) throws SQLException {
        List<String> statements = new ArrayList<>();
        for (List<SqlToken> statement : SqlTokenizer.statements(script)) {
            StringBuilder text = new StringBuilder();
            statement.forEach(t -> text.append(t.text()));
            statements.add(text.toString().strip());
        }
        return statements;
    }
}
