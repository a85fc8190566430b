package dev.snowpipecdc.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import dev.snowpipecdc.emulator.EmbeddedWarehouse;

/**
 * {@code sql [--data-dir DIR] [--database DB] [--schema S] "SELECT ..."}: runs Snowflake SQL against the embedded
 * warehouse of a data directory (read-only, while no pipeline runs on it) and prints the result as a table.
 */
public final class SqlCommand {

    public static final String USAGE = "sql [--data-dir DIR] [--database DB] [--schema SCHEMA] \"SELECT ...\"";

    private SqlCommand() {
    }

    public static int run(List<String> argv, PrintStream out) throws SQLException {
        Args args = Args.parse(argv, Set.of("data-dir", "database", "schema"), Set.of());
        if (args.positional().size() != 1) {
            throw new IllegalArgumentException("Usage: " + USAGE);
        }
        DataSource warehouse = EmbeddedWarehouse.openReadOnly(Path.of(args.get("data-dir").orElse("data")),
                args.get("database").orElse("SNOWPIPE_CDC"), args.get("schema").orElse("PUBLIC"));
        try (Connection c = warehouse.getConnection(); Statement st = c.createStatement()) {
            if (st.execute(args.positional().get(0))) {
                try (ResultSet rs = st.getResultSet()) {
                    TablePrinter.print(rs, out);
                }
            } else {
                out.println(st.getUpdateCount() + " rows affected");
            }
        }
        return 0;
    }
}
