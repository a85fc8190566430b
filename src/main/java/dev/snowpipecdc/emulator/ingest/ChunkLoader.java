package dev.snowpipecdc.emulator.ingest;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Inserts the rows of one decrypted BDEC chunk (a Parquet file) into its DuckDB table with DuckDB's own Parquet
 * reader. Each column is converted back from the SDK's encoding ({@link StreamingColumn#readExpression()}). Runs in
 * the caller's transaction.
 */
final class ChunkLoader {

    private final Connection duck;
    private final Path scratchDir;

    ChunkLoader(Connection duck, Path stageDir) {
        this.duck = duck;
        this.scratchDir = stageDir.resolve(".chunks");
    }

    /** @return the number of rows inserted */
    long load(String database, String schema, String table, List<StreamingColumn> columns, byte[] parquet)
            throws SQLException {
        Path file = ScratchFiles.write(scratchDir, ".parquet", parquet);
        try {
            String source = "read_parquet('" + file.toAbsolutePath().toString().replace("'", "''") + "')";
            Set<String> present = parquetColumns(source);
            List<StreamingColumn> loaded = columns.stream().filter(c -> present.contains(c.name())).toList();
            Set<String> known = columns.stream().map(StreamingColumn::name).collect(Collectors.toSet());
            Set<String> unknown = new HashSet<>(present);
            unknown.removeAll(known);
            if (!unknown.isEmpty()) {
                throw new SQLException("Chunk has columns the table " + table + " does not have: " + unknown);
            }
            String insert = "INSERT INTO " + StreamingColumn.quoted(database) + "." + StreamingColumn.quoted(schema)
                    + "." + StreamingColumn.quoted(table) + " ("
                    + loaded.stream().map(c -> StreamingColumn.quoted(c.name())).collect(Collectors.joining(", "))
                    + ") SELECT "
                    + loaded.stream().map(StreamingColumn::readExpression).collect(Collectors.joining(", "))
                    + " FROM " + source;
            try (Statement st = duck.createStatement()) {
                return st.executeUpdate(insert);
            }
        } finally {
            ScratchFiles.delete(file);
        }
    }

    private Set<String> parquetColumns(String source) throws SQLException {
        Set<String> names = new HashSet<>();
        try (PreparedStatement ps = duck.prepareStatement("SELECT name FROM parquet_schema("
                + source.substring("read_parquet(".length(), source.length() - 1) + ") WHERE num_children IS NULL");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
