-- Objects of one captured source table, rendered by snowpipe-cdc for each table in cdc.source.tables
-- (`java -jar snowpipe-cdc.jar render-sql` prints the result). {{TABLE}} is the table, {{KEYS}} its primary key,
-- {{COLUMNS}} all its columns. The model and its rules are in docs/scd2.md.
--
-- RAW_CHANGES --stream--> {{TABLE}}_PARSE --> STAGING_{{TABLE}} --stream--> {{TABLE}}_APPLY_CURRENT --> {{TABLE}}
--                                                                --stream--> {{TABLE}}_APPLY_SCD     --> {{TABLE}}_SCD

-- Typed changes: one row per source change of {{SOURCE_SCHEMA}}.{{SOURCE_TABLE}}, in the order they committed.
CREATE TABLE IF NOT EXISTS STAGING_{{TABLE}} (
{{COLUMN_DEFINITIONS}},
    _OP            VARCHAR(1)    NOT NULL,  -- Debezium op: c create, u update, d delete, r snapshot read
    _TX_POSITION   VARCHAR(64)   NOT NULL,  -- the source transaction's place in commit order
    _OFFSET_TOKEN  VARCHAR(64)   NOT NULL,  -- the change's place: orders the changes inside a transaction
    _SOURCE_LSN    NUMBER(20,0)  NOT NULL,  -- the change's position in the source WAL
    _COMMITTED_AT  TIMESTAMP_LTZ NOT NULL,  -- source commit time
    _TX_ID         NUMBER(20,0)             -- source transaction id
);
{{ADD_COLUMNS:STAGING_{{TABLE}}}}

-- The current state: exactly the live rows of the source table.
CREATE TABLE IF NOT EXISTS {{TABLE}} (
{{COLUMN_DEFINITIONS}},
    _TX_POSITION   VARCHAR(64)   NOT NULL,  -- the source transaction that wrote this state
    _COMMITTED_AT  TIMESTAMP_LTZ NOT NULL,
    PRIMARY KEY ({{KEYS}})
);
{{ADD_COLUMNS:{{TABLE}}}}

-- SCD Type 2: one version per committed source state that changed a tracked column ({{TRACKED}}).
CREATE TABLE IF NOT EXISTS {{TABLE}}_SCD (
    {{TABLE}}_SCD_KEY     NUMBER AUTOINCREMENT,
{{COLUMN_DEFINITIONS}},
    VALID_FROM           TIMESTAMP_LTZ NOT NULL,  -- commit time of the source transaction that made this state
    VALID_TO             TIMESTAMP_LTZ,           -- commit time of the next state or of the delete; NULL: current
    IS_CURRENT           BOOLEAN       NOT NULL,
    IS_DELETED           BOOLEAN       NOT NULL,  -- this version ended because the row was deleted
    _TX_POSITION         VARCHAR(64)   NOT NULL,  -- the source transaction that opened this version
    _CLOSED_BY_POSITION  VARCHAR(64),             -- the source transaction that closed it
    _APPLIED_AT          TIMESTAMP_LTZ,           -- when the merge task wrote this version
    PRIMARY KEY ({{TABLE}}_SCD_KEY)
);
{{ADD_COLUMNS:{{TABLE}}_SCD}}

-- Streams keep their offsets across deployments (IF NOT EXISTS); SHOW_INITIAL_ROWS picks up rows that landed
-- before the stream existed (a table added to the configuration later).
CREATE STREAM IF NOT EXISTS RAW_CHANGES_{{TABLE}}_STREAM ON TABLE RAW_CHANGES APPEND_ONLY = TRUE SHOW_INITIAL_ROWS = TRUE;
CREATE STREAM IF NOT EXISTS STAGING_{{TABLE}}_CURRENT_STREAM ON TABLE STAGING_{{TABLE}} APPEND_ONLY = TRUE SHOW_INITIAL_ROWS = TRUE;
CREATE STREAM IF NOT EXISTS STAGING_{{TABLE}}_SCD_STREAM ON TABLE STAGING_{{TABLE}} APPEND_ONLY = TRUE SHOW_INITIAL_ROWS = TRUE;

-- Tasks hold no state: replaced on every deployment. Snowflake wants the root suspended while its graph changes.
ALTER TASK IF EXISTS {{TABLE}}_PARSE SUSPEND;

-- 1. Parse: typed staging rows from this table's landed changes (one statement: atomic).
CREATE OR REPLACE TASK {{TABLE}}_PARSE {{WAREHOUSE_CLAUSE}}
  SCHEDULE = '{{SCHEDULE}}'
  -- also when only a child has work left (it failed in an earlier run)
  WHEN SYSTEM$STREAM_HAS_DATA('RAW_CHANGES_{{TABLE}}_STREAM')
    OR SYSTEM$STREAM_HAS_DATA('STAGING_{{TABLE}}_CURRENT_STREAM')
    OR SYSTEM$STREAM_HAS_DATA('STAGING_{{TABLE}}_SCD_STREAM')
AS
-- _TX_POSITION: the offset token's phase and commit position (change/OffsetTokens.java), the same for every
-- change of one source transaction and growing in commit order
INSERT INTO STAGING_{{TABLE}} ({{COLUMNS}}, _OP, _TX_POSITION, _OFFSET_TOKEN, _SOURCE_LSN, _COMMITTED_AT, _TX_ID)
SELECT {{PARSED_COLUMNS}},
       OPERATION, SUBSTR(OFFSET_TOKEN, 1, 18), OFFSET_TOKEN, SOURCE_LSN, COMMITTED_AT, TX_ID
FROM RAW_CHANGES_{{TABLE}}_STREAM
WHERE TABLE_NAME = '{{SOURCE_TABLE}}' AND SOURCE_SCHEMA = '{{SOURCE_SCHEMA}}';

-- 2. Current state: each key's last committed state, unless the table (or the history) already has a newer one,
-- so that the same changes applied twice change nothing.
CREATE OR REPLACE TASK {{TABLE}}_APPLY_CURRENT {{WAREHOUSE_CLAUSE}}
  AFTER {{TABLE}}_PARSE
AS
MERGE INTO {{TABLE}} t
USING (
    SELECT s.*
    FROM STAGING_{{TABLE}}_CURRENT_STREAM s
    LEFT JOIN {{TABLE}} c ON {{KEYS_JOIN:c:s}}
    LEFT JOIN (
        SELECT {{KEYS}}, MAX(COALESCE(_CLOSED_BY_POSITION, _TX_POSITION)) AS _APPLIED
        FROM {{TABLE}}_SCD GROUP BY {{KEYS}}
    ) h ON {{KEYS_JOIN:h:s}}
    WHERE (c._TX_POSITION IS NULL OR s._TX_POSITION > c._TX_POSITION)
      AND (h._APPLIED IS NULL OR s._TX_POSITION > h._APPLIED)
    QUALIFY ROW_NUMBER() OVER (PARTITION BY {{KEYS:s.}} ORDER BY s._OFFSET_TOKEN DESC) = 1
) b
ON {{KEYS_JOIN:t:b}}
WHEN MATCHED AND b._OP = 'd' THEN DELETE
WHEN MATCHED THEN UPDATE SET
        _TX_POSITION = b._TX_POSITION,
        _COMMITTED_AT = b._COMMITTED_AT{{ASSIGNMENTS:b}}
WHEN NOT MATCHED AND b._OP <> 'd' THEN
    INSERT ({{COLUMNS}}, _TX_POSITION, _COMMITTED_AT) VALUES ({{COLUMNS:b.}}, b._TX_POSITION, b._COMMITTED_AT);

-- 3. History: one MERGE (atomic) that closes each key's current version and inserts the new ones.
--    batch:    each source transaction's final state per key (its intermediate states were never visible),
--              newer than what the history already has (so a replay changes nothing);
--    chain:    the key's current version (the seed), then the batch's states, in commit order;
--    kept:     the states that make or end a version: a live state whose tracked columns differ (NULL-safe)
--              from the state before it, a live state after a delete, a delete after a live state;
--    linked:   each kept state with the next one: its VALID_TO, and whether a delete ended it.
CREATE OR REPLACE TASK {{TABLE}}_APPLY_SCD {{WAREHOUSE_CLAUSE}}
  AFTER {{TABLE}}_APPLY_CURRENT
AS
MERGE INTO {{TABLE}}_SCD t
USING (
    WITH applied AS (
        SELECT {{KEYS}}, MAX(COALESCE(_CLOSED_BY_POSITION, _TX_POSITION)) AS _APPLIED
        FROM {{TABLE}}_SCD GROUP BY {{KEYS}}
    ),
    batch AS (
        SELECT s.*
        FROM STAGING_{{TABLE}}_SCD_STREAM s
        LEFT JOIN applied a ON {{KEYS_JOIN:a:s}}
        WHERE a._APPLIED IS NULL OR s._TX_POSITION > a._APPLIED
        QUALIFY ROW_NUMBER() OVER (PARTITION BY {{KEYS:s.}}, s._TX_POSITION ORDER BY s._OFFSET_TOKEN DESC) = 1
    ),
    chain AS (
        SELECT {{COLUMNS:v.}}, FALSE AS _IS_DELETE, v.VALID_FROM AS _AT, v._TX_POSITION AS _POS,
               v.{{TABLE}}_SCD_KEY AS _SCD_KEY, TRUE AS _IS_SEED
        FROM {{TABLE}}_SCD v
        WHERE v.IS_CURRENT AND EXISTS (SELECT 1 FROM batch b WHERE {{KEYS_JOIN:b:v}})
        UNION ALL
        SELECT {{COLUMNS:b.}}, b._OP = 'd', b._COMMITTED_AT, b._TX_POSITION, NULL, FALSE
        FROM batch b
    ),
    compared AS (
        SELECT c.*,
               LAG(c._POS) OVER (PARTITION BY {{KEYS:c.}} ORDER BY c._POS) AS _PREV_POS,
               LAG(c._IS_DELETE) OVER (PARTITION BY {{KEYS:c.}} ORDER BY c._POS) AS _PREV_IS_DELETE,
               {{TRACKED_PREVIOUS:c}}
        FROM chain c
    ),
    kept AS (
        SELECT * FROM compared
        WHERE _IS_SEED
           OR (_IS_DELETE AND _PREV_POS IS NOT NULL AND NOT _PREV_IS_DELETE)
           OR (NOT _IS_DELETE AND (_PREV_POS IS NULL OR _PREV_IS_DELETE OR NOT ({{TRACKED_UNCHANGED}})))
    ),
    linked AS (
        SELECT k.*,
               LEAD(k._AT) OVER (PARTITION BY {{KEYS:k.}} ORDER BY k._POS) AS _NEXT_AT,
               LEAD(k._POS) OVER (PARTITION BY {{KEYS:k.}} ORDER BY k._POS) AS _NEXT_POS,
               LEAD(k._IS_DELETE) OVER (PARTITION BY {{KEYS:k.}} ORDER BY k._POS) AS _NEXT_IS_DELETE
        FROM kept k
    )
    -- the current version, closed by the first new state
    SELECT l._SCD_KEY AS _MERGE_KEY, l.* FROM linked l WHERE l._IS_SEED AND l._NEXT_POS IS NOT NULL
    UNION ALL
    -- the new versions
    SELECT NULL AS _MERGE_KEY, l.* FROM linked l WHERE NOT l._IS_SEED AND NOT l._IS_DELETE
) v
ON t.{{TABLE}}_SCD_KEY = v._MERGE_KEY
WHEN MATCHED THEN UPDATE SET
    VALID_TO = v._NEXT_AT, IS_CURRENT = FALSE, IS_DELETED = v._NEXT_IS_DELETE, _CLOSED_BY_POSITION = v._NEXT_POS
WHEN NOT MATCHED THEN
    INSERT ({{COLUMNS}}, VALID_FROM, VALID_TO, IS_CURRENT, IS_DELETED, _TX_POSITION, _CLOSED_BY_POSITION, _APPLIED_AT)
    VALUES ({{COLUMNS:v.}}, v._AT, v._NEXT_AT, v._NEXT_AT IS NULL, COALESCE(v._NEXT_IS_DELETE, FALSE), v._POS,
            v._NEXT_POS, CURRENT_TIMESTAMP());

-- Resumed children first, then the root, as Snowflake requires.
ALTER TASK {{TABLE}}_APPLY_SCD RESUME;
ALTER TASK {{TABLE}}_APPLY_CURRENT RESUME;
ALTER TASK {{TABLE}}_PARSE RESUME;
