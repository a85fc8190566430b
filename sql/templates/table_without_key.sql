-- Objects of one captured source table WITHOUT a primary key (a log table, say), rendered by snowpipe-cdc for each
-- such table in cdc.source.tables. Without a key there is no row to keep current and no history of it: the
-- table's changes are typed into STAGING_{{TABLE}}, append-only, one row per change (inserts, updates, deletes and
-- truncates alike). For the current state and the SCD Type 2 history too, set cdc.tables.{{SOURCE_TABLE}}.key after
-- dropping these objects (docs/scd2.md, "Tables without a key").
--
-- RAW_CHANGES --stream--> {{TABLE}}_PARSE --> STAGING_{{TABLE}}

-- Typed changes: one row per source change of {{SOURCE_SCHEMA}}.{{SOURCE_TABLE}}. A delete's values are the row
-- before it (all of them with REPLICA IDENTITY FULL, which PostgreSQL needs to publish updates and deletes of a
-- table without a key); a truncate's are NULL.
CREATE TABLE IF NOT EXISTS STAGING_{{TABLE}} (
{{COLUMN_DEFINITIONS}},
    _OP            VARCHAR(1)    NOT NULL,  -- Debezium op: c create, u update, d delete, r snapshot read, t truncate
    _TX_POSITION   VARCHAR(64)   NOT NULL,  -- the source transaction's place in commit order
    _OFFSET_TOKEN  VARCHAR(64)   NOT NULL,  -- the change's place
    _SOURCE_LSN    NUMBER(20,0)  NOT NULL,  -- the change's position in the source WAL
    _COMMITTED_AT  TIMESTAMP_LTZ NOT NULL,  -- source commit time (snapshot reads: when the snapshot began)
    _TX_ID         NUMBER(20,0)             -- source transaction id
);
{{ADD_COLUMNS:STAGING_{{TABLE}}}}

CREATE STREAM IF NOT EXISTS RAW_CHANGES_{{TABLE}}_STREAM ON TABLE RAW_CHANGES APPEND_ONLY = TRUE SHOW_INITIAL_ROWS = TRUE;

ALTER TASK IF EXISTS {{TABLE}}_PARSE SUSPEND;

-- Parse: typed rows from this table's landed changes, each once (a change landed twice, as after a crash during
-- the initial snapshot, is typed once); values that do not fit go to DEAD_LETTERS. One transaction.
CREATE OR REPLACE TASK {{TABLE}}_PARSE {{WAREHOUSE_CLAUSE}}
  SCHEDULE = '{{SCHEDULE}}'
  WHEN SYSTEM$STREAM_HAS_DATA('RAW_CHANGES_{{TABLE}}_STREAM')
AS
BEGIN
    BEGIN TRANSACTION;
    INSERT INTO DEAD_LETTERS (REASON, DETAIL, SOURCE_TABLE, OFFSET_TOKEN, ROW_INDEX, PAYLOAD, DEAD_LETTERED_AT)
    SELECT 'type-mismatch', 'values that do not fit their columns in {{TABLE}}: ' || RTRIM({{PARSE_FAILURES}}, ', '),
           TABLE_NAME, OFFSET_TOKEN, NULL,
           OBJECT_CONSTRUCT('operation', OPERATION, 'before', BEFORE, 'after', AFTER), CURRENT_TIMESTAMP()
    FROM RAW_CHANGES_{{TABLE}}_STREAM r
    WHERE TABLE_NAME = '{{SOURCE_TABLE}}' AND SOURCE_SCHEMA = '{{SOURCE_SCHEMA}}' AND OPERATION <> 't'
      AND {{PARSE_FAILURES}} <> ''
      AND NOT EXISTS (SELECT 1 FROM DEAD_LETTERS d WHERE d.REASON = 'type-mismatch'
                      AND d.SOURCE_TABLE = r.TABLE_NAME AND d.OFFSET_TOKEN = r.OFFSET_TOKEN)
    QUALIFY ROW_NUMBER() OVER (PARTITION BY OFFSET_TOKEN ORDER BY OFFSET_TOKEN) = 1;
    INSERT INTO STAGING_{{TABLE}} ({{COLUMNS}}, _OP, _TX_POSITION, _OFFSET_TOKEN, _SOURCE_LSN, _COMMITTED_AT, _TX_ID)
    SELECT {{PARSED_COLUMNS}},
           OPERATION, SUBSTR(OFFSET_TOKEN, 1, 18), OFFSET_TOKEN, SOURCE_LSN, COMMITTED_AT, TX_ID
    FROM RAW_CHANGES_{{TABLE}}_STREAM r
    WHERE TABLE_NAME = '{{SOURCE_TABLE}}' AND SOURCE_SCHEMA = '{{SOURCE_SCHEMA}}'
      AND (OPERATION = 't' OR {{PARSE_FAILURES}} = '')
      -- only the part of the table a replay can be in: from the first change this run sees
      AND NOT EXISTS (SELECT 1 FROM STAGING_{{TABLE}} s WHERE s._OFFSET_TOKEN = r.OFFSET_TOKEN
                      AND s._OFFSET_TOKEN >= (SELECT MIN(OFFSET_TOKEN) FROM RAW_CHANGES_{{TABLE}}_STREAM))
    QUALIFY ROW_NUMBER() OVER (PARTITION BY OFFSET_TOKEN ORDER BY OFFSET_TOKEN) = 1;
    COMMIT;
END;

ALTER TASK {{TABLE}}_PARSE RESUME;
