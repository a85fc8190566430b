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
 * <p>A stream keeps a copy of its table as of its offset (the base), each row with its DuckDB rowid. Its changes are
 * the difference between the table now and the base, row by row: so they are net changes, as Snowflake's are (a row
 * inserted and deleted in between does not show), and an update is a DELETE and an INSERT of one row
 * (METADATA$ISUPDATE, one METADATA$ROW_ID). APPEND_ONLY streams show the inserted rows only. Consuming the stream
 * replaces the base with the table as it was read. (A stream on a view, and a base taken by an earlier version,
 * have no rowids: their rows are compared by values, updates paired by the declared primary key.)
 */
final class StreamChanges {

    static final String ACTION = "METADATA$ACTION";
    static final String IS_UPDATE = "METADATA$ISUPDATE";
    static final String ROW_ID = "METADATA$ROW_ID";
    /**
     * A condition true for the rows committed before the transaction: DuckDB numbers the rows a transaction
     * inserts from MAX_ROW_ID (2^55, as its storage defines it) until it commits.
     */
    static final String COMMITTED_ROW = "rowid < 36028797018960000";
    /** The column of the base and of a snapshot that holds each row's DuckDB rowid. */
    static final String ROW = "__ROW";

    private StreamChanges() {
    }

    /** The change rows of {@code stream}, comparing {@code snapshot} (the table as read) with its base. */
    static String changesQuery(Connection c, StreamInfo stream, String snapshot) throws SQLException {
        List<String> columns = tableColumns(c, stream);
        List<String> baseColumns = EmulatorCatalog.columns(c, baseName(stream));
        if (baseColumns.contains(ROW)) {
            return byRow(stream, columns, baseColumns, snapshot) + logged(c, stream, columns);
        }
        String changes = byValue(c, stream, columns, baseColumns, snapshot) + logged(c, stream, columns);
        if (stream.onView()) {
            // a stream on a view has its METADATA$ROW_ID first, as Snowflake lists it
            String metadata = q(ROW_ID) + ", " + q(ACTION) + ", " + q(IS_UPDATE);
            return "SELECT * EXCLUDE (" + metadata + "), " + metadata + " FROM (" + changes + ")";
        }
        return changes;
    }

    /**
     * Rows told apart by their row (DuckDB's rowid, kept in the base and the snapshot as {@value #ROW}), as
     * Snowflake tells them apart by its hidden row id: a row whose values changed is an update (a DELETE and an
     * INSERT with METADATA$ISUPDATE and one METADATA$ROW_ID), whatever keys the table has; a row only in the table
     * is an INSERT, only in the base a DELETE. DuckDB may renumber rows when it compacts a table with deleted rows:
     * an INSERT and a DELETE of equal values cancel, so that a renumbered row is no change. An APPEND_ONLY stream
     * shows the INSERTs only (an update of an older row is not one).
     */
    private static String byRow(StreamInfo stream, List<String> columns, List<String> baseColumns, String snapshot) {
        String cols = columns.stream().map(EmulatorCatalog::q).collect(Collectors.joining(", "));
        String base = columns.stream().map(col -> baseColumns.contains(col) ? q(col) : "NULL AS " + q(col))
                .collect(Collectors.joining(", "));
        String row = q(ROW);
        StringBuilder sql = new StringBuilder("WITH __cur AS (SELECT " + row + ", " + cols + " FROM " + snapshot
                + "), __bas AS (SELECT " + row + ", " + base + " FROM " + stream.baseTable() + ")"
                // changed or new rows, and changed or gone rows
                + ", __new AS (SELECT * FROM __cur c WHERE NOT EXISTS (SELECT 1 FROM __bas b WHERE b." + row
                + " = c." + row + " AND " + same("b", "c", columns) + "))"
                + ", __old AS (SELECT * FROM __bas b WHERE NOT EXISTS (SELECT 1 FROM __cur c WHERE c." + row
                + " = b." + row + " AND " + same("c", "b", columns) + "))"
                + ", __pi AS (SELECT *, row_number() OVER (PARTITION BY " + cols + " ORDER BY " + row
                + ") AS __n FROM __new WHERE " + row + " NOT IN (SELECT " + row + " FROM __old))"
                + ", __pd AS (SELECT *, row_number() OVER (PARTITION BY " + cols + " ORDER BY " + row
                + ") AS __n FROM __old WHERE " + row + " NOT IN (SELECT " + row + " FROM __new))"
                + ", __ins AS (SELECT * EXCLUDE (__n) FROM __pi i WHERE NOT EXISTS (SELECT 1 FROM __pd d WHERE"
                + " d.__n = i.__n AND " + same("d", "i", columns) + "))");
        if (!stream.appendOnly()) {
            sql.append(", __del AS (SELECT * EXCLUDE (__n) FROM __pd d WHERE NOT EXISTS (SELECT 1 FROM __pi i WHERE"
                    + " i.__n = d.__n AND " + same("i", "d", columns) + "))");
        }
        sql.append(" SELECT ").append(cols).append(", 'INSERT' AS ").append(q(ACTION)).append(", FALSE AS ")
                .append(q(IS_UPDATE)).append(", ").append(rowId(row)).append(" AS ").append(q(ROW_ID))
                .append(" FROM __ins");
        if (stream.appendOnly()) {
            return sql.toString();
        }
        sql.append(" UNION ALL SELECT ").append(cols).append(", 'DELETE', FALSE, ").append(rowId(row))
                .append(" FROM __del");
        // an updated row: its new values and its old ones
        sql.append(" UNION ALL SELECT ").append(cols).append(", 'INSERT', TRUE, ").append(rowId(row))
                .append(" FROM __new WHERE ").append(row).append(" IN (SELECT ").append(row).append(" FROM __old)");
        sql.append(" UNION ALL SELECT ").append(cols).append(", 'DELETE', TRUE, ").append(rowId(row))
                .append(" FROM __old WHERE ").append(row).append(" IN (SELECT ").append(row).append(" FROM __new)");
        return sql.toString();
    }

    /** An APPEND_ONLY stream's rows inserted since its offset and removed since (AppendOnlyLog), as INSERTs. */
    private static String logged(Connection c, StreamInfo stream, List<String> columns) throws SQLException {
        if (!stream.appendOnly()) {
            return "";
        }
        List<String> logColumns = EmulatorCatalog.columns(c, AppendOnlyLog.logName(stream));
        if (logColumns.isEmpty()) {
            return "";
        }
        String values = columns.stream().map(col -> logColumns.contains(col) ? q(col) : "NULL")
                .collect(Collectors.joining(", "));
        return " UNION ALL SELECT " + values + ", 'INSERT', FALSE, md5('logged ' || CAST(ROW(" + values
                + ") AS VARCHAR)) FROM " + AppendOnlyLog.logName(stream).sql();
    }

    /** @throws SqlException when the stream's table is gone (dropped or renamed), as Snowflake's stream is stale */
    private static List<String> tableColumns(Connection c, StreamInfo stream) throws SQLException {
        List<String> columns = EmulatorCatalog.columns(c, stream.table());
        if (columns.isEmpty()) {
            throw new SqlException("Stream " + stream.name().qualified() + ": its table " + stream.table().qualified()
                    + " does not exist (dropped or renamed)", null);
        }
        return columns;
    }

    private static String same(String a, String b, List<String> columns) {
        return "ROW(" + columns.stream().map(col -> a + "." + q(col)).collect(Collectors.joining(", "))
                + ") IS NOT DISTINCT FROM ROW(" + columns.stream().map(col -> b + "." + q(col))
                .collect(Collectors.joining(", ")) + ")";
    }

    private static String rowId(String row) {
        return "md5('row ' || CAST(" + row + " AS VARCHAR))";
    }

    /** A base taken before rows were kept: values only, and updates paired by the declared primary key. */
    private static String byValue(Connection c, StreamInfo stream, List<String> columns, List<String> baseColumns,
                                  String snapshot) throws SQLException {
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
        List<String> columns = tableColumns(c, stream);
        List<String> baseColumns = EmulatorCatalog.columns(c, baseName(stream));
        if (baseColumns.contains(ROW)) {
            return "SELECT EXISTS (" + byRow(stream, columns, baseColumns, "(" + snapshotOf(stream) + ")")
                    + logged(c, stream, columns) + ")";
        }
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

    /**
     * The table as a stream reads it: its rows with their rowid. A view's rows have no rowid: a stream on a view
     * compares them by value (its METADATA$ROW_ID is made from the row's values).
     */
    static String snapshotOf(StreamInfo stream) {
        if (stream.onView()) {
            return "SELECT * FROM " + stream.table().sql();
        }
        return "SELECT rowid AS " + q(ROW) + ", * FROM " + stream.table().sql();
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
