-- V001: the landing tables that Snowpipe Streaming writes into.
-- Snowpipe Streaming (Classic) refuses tables with column defaults, AUTOINCREMENT or IDENTITY columns, so the
-- pipeline sets every column itself.

-- One row per source change, exactly once per change (OFFSET_TOKEN is unique per table).
CREATE TABLE IF NOT EXISTS RAW_CHANGES (
    OPERATION      VARCHAR(1)     NOT NULL,  -- Debezium op: c create, u update, d delete, r snapshot read
    TABLE_NAME     VARCHAR(255)   NOT NULL,  -- source table, e.g. orders
    SOURCE_SCHEMA  VARCHAR(255)   NOT NULL,  -- source schema, e.g. public
    BEFORE         VARIANT,                  -- row before the change (u, d); key columns only unless REPLICA IDENTITY FULL
    AFTER          VARIANT,                  -- row after the change (c, u, r)
    PRIMARY_KEY    VARIANT,                  -- primary key columns of the row
    TS_MS          NUMBER(19,0)   NOT NULL,  -- source commit time, epoch milliseconds
    COMMITTED_AT   TIMESTAMP_LTZ  NOT NULL,  -- source commit time, microseconds
    SOURCE_LSN     NUMBER(20,0)   NOT NULL,  -- the change's position in the source WAL
    TX_ID          NUMBER(20,0),             -- source transaction id
    OFFSET_TOKEN   VARCHAR(64)    NOT NULL,  -- channel offset token: commit position, LSN, tie-breaker; orders a table's changes
    ENRICHMENT     VARIANT,                  -- values added in flight, e.g. an order's customer email and name
    INGESTED_AT    TIMESTAMP_LTZ  NOT NULL   -- when the pipeline handed the row to Snowpipe Streaming
);

-- Changes and rows the pipeline could not land, with the reason; nothing is dropped silently.
CREATE TABLE IF NOT EXISTS DEAD_LETTERS (
    REASON            VARCHAR(64)    NOT NULL,  -- unknown-table, malformed, rejected-row, ...
    DETAIL            VARCHAR        NOT NULL,  -- the error message
    SOURCE_TABLE      VARCHAR(255),             -- source table, when known
    OFFSET_TOKEN      VARCHAR(64),              -- source position, when known
    ROW_INDEX         NUMBER(10,0),             -- index of a rejected row in its batch
    PAYLOAD           VARIANT,                  -- the change or row as it was
    DEAD_LETTERED_AT  TIMESTAMP_LTZ  NOT NULL
);
