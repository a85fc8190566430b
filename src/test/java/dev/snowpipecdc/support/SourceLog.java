package dev.snowpipecdc.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snowpipecdc.change.OffsetTokens;

/**
 * Source transactions written as the pipeline lands them in RAW_CHANGES: Debezium op codes, offset tokens that
 * grow in commit order (phase, commit position, LSN), commit times. For tests of the warehouse SQL that start
 * at the landing table.
 */
public final class SourceLog {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String schema;
    private final String table;
    private final String keyColumn;
    private final List<String> pending = new ArrayList<>();
    private long lsn = 0x1000;
    private long lastCommit = 0x0F00;
    private long txId = 700;

    public SourceLog(String schema, String table, String keyColumn) {
        this.schema = schema;
        this.table = table;
        this.keyColumn = keyColumn;
    }

    /** A row as Debezium's AFTER: column → value (decimals as text, as the pipeline writes them). */
    public static Map<String, Object> row(Object... namesAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            row.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return row;
    }

    /** A source transaction committed at {@code committedAt} (ISO-8601 instant). */
    public Transaction transaction(String committedAt) {
        return new Transaction(committedAt, 1);
    }

    /** The rows of an initial snapshot, read at {@code readAt}. */
    public Transaction snapshot(String readAt) {
        return new Transaction(readAt, 0);
    }

    /** The INSERT that lands everything written since the last call (and forgets it). */
    public String landingSql() {
        String sql = "INSERT INTO RAW_CHANGES (OPERATION, TABLE_NAME, SOURCE_SCHEMA, BEFORE, AFTER, PRIMARY_KEY,"
                + " TS_MS, COMMITTED_AT, SOURCE_LSN, TX_ID, OFFSET_TOKEN, ENRICHMENT, INGESTED_AT)\n"
                + String.join("\nUNION ALL ", pending);
        pending.clear();
        return sql;
    }

    public final class Transaction {
        private final String committedAt;
        private final int phase;
        private final long commitPosition;
        private final long id;
        private long sequence;

        private Transaction(String committedAt, int phase) {
            this.committedAt = committedAt;
            this.phase = phase;
            this.commitPosition = lastCommit;
            this.id = txId++;
        }

        public Transaction insert(Map<String, Object> after) {
            return change(phase == 0 ? "r" : "c", null, after);
        }

        public Transaction update(Map<String, Object> after) {
            return change("u", null, after);
        }

        /** A delete as PostgreSQL's default replica identity sends it: BEFORE holds the key only. */
        public Transaction delete(Object key) {
            return change("d", row(keyColumn, key), null);
        }

        /** A delete as REPLICA IDENTITY FULL sends it: BEFORE holds the whole row. */
        public Transaction deleteRow(Map<String, Object> before) {
            return change("d", before, null);
        }

        /** A TRUNCATE of the table, as Debezium sends it: no rows, no key. */
        public Transaction truncate() {
            return change("t", null, null);
        }

        private Transaction change(String op, Map<String, Object> before, Map<String, Object> after) {
            long changeLsn = phase == 0 ? 0 : (lsn += 0x10);
            String token = OffsetTokens.format(phase, commitPosition, changeLsn, phase == 0 ? sequence++ : 0);
            Map<String, Object> row = after != null ? after : before;
            Map<String, Object> key = row == null ? Map.of() : row(keyColumn, row.get(keyColumn));
            pending.add("SELECT '" + op + "', '" + table + "', '" + schema + "', " + json(before) + ", "
                    + json(after) + ", " + json(key) + ", 0, '" + committedAt + "'::TIMESTAMP_LTZ, "
                    + (changeLsn == 0 ? commitPosition : changeLsn) + ", " + id + ", '" + token + "', NULL,"
                    + " CURRENT_TIMESTAMP()");
            return this;
        }

        /** Commits: the next transaction's commit position is after this one. */
        public SourceLog commit() {
            lsn += 0x10;
            lastCommit = lsn;
            return SourceLog.this;
        }
    }

    private static String json(Map<String, Object> value) {
        if (value == null) {
            return "NULL";
        }
        try {
            return "PARSE_JSON('" + JSON.writeValueAsString(value).replace("'", "''") + "')";
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
