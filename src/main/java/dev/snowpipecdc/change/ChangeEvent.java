package dev.snowpipecdc.change;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One committed row change, whatever source it came from (Debezium directly or Debezium JSON through Kafka).
 * Values are normalised for SQL: timestamps are ISO-8601 strings, decimals exact strings, JSON columns nested
 * maps and lists.
 *
 * @param sourceSchema the source table's schema, e.g. {@code public}
 * @param table the source table's name, e.g. {@code orders}
 * @param before the row before the change (updates and deletes; key columns only unless REPLICA IDENTITY FULL)
 * @param after the row after the change (creates, updates, snapshot reads)
 * @param key the primary key columns
 * @param committedAt when the source transaction committed (snapshot reads: when the snapshot read the table)
 * @param lsn the change's position in the source's write-ahead log
 * @param txId the source transaction id
 * @param offsetToken the change's position in its channel: fixed width, increasing (see {@link OffsetTokens})
 * @param enrichment values added on the way (e.g. an order's customer), empty when none
 */
public record ChangeEvent(String sourceSchema, String table, ChangeOp op, Optional<Map<String, Object>> before,
                          Optional<Map<String, Object>> after, Map<String, Object> key, Instant committedAt,
                          long lsn, OptionalLong txId, String offsetToken, Map<String, Object> enrichment) {

    public ChangeEvent withEnrichment(Map<String, Object> values) {
        return new ChangeEvent(sourceSchema, table, op, before, after, key, committedAt, lsn, txId, offsetToken,
                java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values)));
    }

    /** The row as it is now: after for creates, updates and reads; before for deletes. */
    public Optional<Map<String, Object>> currentRow() {
        return op == ChangeOp.DELETE ? before : after;
    }
}
