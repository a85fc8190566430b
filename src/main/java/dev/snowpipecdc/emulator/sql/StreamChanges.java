package dev.snowpipecdc.emulator.sql;

import static dev.snowpipecdc.emulator.sql.EmulatorCatalog.q;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

import dev.snowpipecdc.emulator.sql.EmulatorCatalog.StreamInfo;

/**
 * The rows of a stream: what changed in its table between the stream's offset and now.
 *
 * <p>A stream keeps a copy of its table as of its offset (the base). Its changes are the difference between the
 * table now and the base: rows only in the table are INSERTs, rows only in the base are DELETEs, so they are net
 * changes, as Snowflake's are (a row inserted and deleted in between does not show). With a declared primary
 * key, a DELETE and an INSERT of the same key are one update (METADATA$ISUPDATE) and the key gives the
 * METADATA$ROW_ID; without one, updates show as unrelated DELETE/INSERT pairs. APPEND_ONLY streams show only the
 * inserted rows. Consuming the stream replaces the base with the table as it was read.
 */
final class StreamChanges {

    static final String ACTION = "METADATA$ACTION";
    static final String IS_UPDATE = "METADATA$ISUPDATE";
    static final String ROW_ID = "METADATA$ROW_ID";

    private StreamChanges() {
    }

    /** The change rows of {@code stream}, comparing {@code snapshot} (the table as read) with its base. */
    static String changesQuery(Connection c, StreamInfo stream, String snapshot) throws SQLException {
        List<String> columns = EmulatorCatalog.columns(c, stream.table());
        List<String> baseColumns = EmulatorCatalog.columns(c, baseName(stream));
        List<String> key = EmulatorCatalog.primaryKey(c, stream.table()).stream()
                .filter(columns::contains).toList();
        String current = columns.stream().map(EmulatorCatalog::q).collect(Collectors.joining(", "));
        // a column added to the table after the base was taken is NULL in the base
        String base = columns.stream().map(col -> baseColumns.contains(col) ? q(col) : "NULL AS " + q(col))
                .collect(Collectors.joining(", "));
        String inserted = "SELECT " + current + " FROM " + snapshot + " EXCEPT ALL SELECT " + base + " FROM "
                + stream.baseTable();
        String deleted = "SELECT " + base + " FROM " + stream.baseTable() + " EXCEPT ALL SELECT " + current
                + " FROM " + snapshot;
        StringBuilder sql = new StringBuilder("WITH __ins AS (" + inserted + ")");
        if (!stream.appendOnly()) {
            sql.append(", __del AS (").append(deleted).append(')');
        }
        sql.append(" SELECT __ins.*, 'INSERT' AS ").append(q(ACTION)).append(", ")
                .append(stream.appendOnly() ? "FALSE" : isUpdate(key, "__ins", "__del")).append(" AS ")
                .append(q(IS_UPDATE)).append(", ").append(rowId(key, columns, "__ins")).append(" AS ")
                .append(q(ROW_ID)).append(" FROM __ins");
        if (!stream.appendOnly()) {
            sql.append(" UNION ALL SELECT __del.*, 'DELETE', ").append(isUpdate(key, "__del", "__ins")).append(", ")
                    .append(rowId(key, columns, "__del")).append(" FROM __del");
        }
        return sql.toString();
    }

    /** True when the stream has rows now (for SYSTEM$STREAM_HAS_DATA), without materialising them. */
    static String hasDataQuery(Connection c, StreamInfo stream) throws SQLException {
        List<String> columns = EmulatorCatalog.columns(c, stream.table());
        List<String> baseColumns = EmulatorCatalog.columns(c, baseName(stream));
        String current = columns.stream().map(EmulatorCatalog::q).collect(Collectors.joining(", "));
        String base = columns.stream().map(col -> baseColumns.contains(col) ? q(col) : "NULL AS " + q(col))
                .collect(Collectors.joining(", "));
        String inserted = "SELECT " + current + " FROM " + stream.table().sql() + " EXCEPT ALL SELECT " + base
                + " FROM " + stream.baseTable();
        String sql = "SELECT EXISTS (" + inserted + ")";
        if (!stream.appendOnly()) {
            sql += " OR EXISTS (SELECT " + base + " FROM " + stream.baseTable() + " EXCEPT ALL SELECT " + current
                    + " FROM " + stream.table().sql() + ")";
        }
        return sql;
    }

    static EmulatorCatalog.ObjectName baseName(StreamInfo stream) {
        return new EmulatorCatalog.ObjectName(stream.name().database(), EmulatorCatalog.SCHEMA,
                "STREAM_BASE$" + stream.name().schema() + "$" + stream.name().name());
    }

    private static String isUpdate(List<String> key, String self, String other) {
        if (key.isEmpty()) {
            return "FALSE";
        }
        return "EXISTS (SELECT 1 FROM " + other + " __o WHERE " + key.stream()
                .map(k -> "__o." + q(k) + " IS NOT DISTINCT FROM " + self + "." + q(k))
                .collect(Collectors.joining(" AND ")) + ")";
    }

    private static String rowId(List<String> key, List<String> columns, String self) {
        List<String> identity = key.isEmpty() ? columns : key;
        return "md5(CAST(ROW(" + identity.stream().map(k -> self + "." + q(k)).collect(Collectors.joining(", "))
                + ") AS VARCHAR))";
    }
}
