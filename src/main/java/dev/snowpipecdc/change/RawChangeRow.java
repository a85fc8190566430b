package dev.snowpipecdc.change;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A change as a row of the landing table {@code RAW_CHANGES} (sql/V001__landing.sql): the column names here and
 * there must agree. Snowpipe Streaming fills no column defaults, so every column is set here.
 */
public final class RawChangeRow {

    public static final String OPERATION = "OPERATION";
    public static final String TABLE_NAME = "TABLE_NAME";
    public static final String SOURCE_SCHEMA = "SOURCE_SCHEMA";
    public static final String BEFORE = "BEFORE";
    public static final String AFTER = "AFTER";
    public static final String PRIMARY_KEY = "PRIMARY_KEY";
    public static final String TS_MS = "TS_MS";
    public static final String COMMITTED_AT = "COMMITTED_AT";
    public static final String SOURCE_LSN = "SOURCE_LSN";
    public static final String TX_ID = "TX_ID";
    public static final String OFFSET_TOKEN = "OFFSET_TOKEN";
    public static final String ENRICHMENT = "ENRICHMENT";
    public static final String INGESTED_AT = "INGESTED_AT";

    private RawChangeRow() {
    }

    /** @param ingestedAt when the pipeline hands the row to Snowpipe Streaming */
    public static Map<String, Object> of(ChangeEvent event, Instant ingestedAt) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(OPERATION, event.op().code());
        row.put(TABLE_NAME, event.table());
        row.put(SOURCE_SCHEMA, event.sourceSchema());
        row.put(BEFORE, event.before().orElse(null));
        row.put(AFTER, event.after().orElse(null));
        row.put(PRIMARY_KEY, event.key());
        row.put(TS_MS, event.committedAt().toEpochMilli());
        row.put(COMMITTED_AT, Timestamps.utc(event.committedAt()));
        row.put(SOURCE_LSN, event.lsn());
        row.put(TX_ID, event.txId().isPresent() ? event.txId().getAsLong() : null);
        row.put(OFFSET_TOKEN, event.offsetToken());
        row.put(ENRICHMENT, event.enrichment().isEmpty() ? null : event.enrichment());
        row.put(INGESTED_AT, Timestamps.utc(ingestedAt));
        return row;
    }
}
