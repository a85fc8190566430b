-- Objects of one captured source table, rendered by snowpipe-cdc for each table in cdc.source.tables
-- (`java -jar snowpipe-cdc.jar render-sql` prints the result). {{TABLE}} is the table, {{KEYS}} its primary key,
-- {{COLUMNS}} all its columns. The model and its rules are in docs/scd2.md.
--
-- RAW_CHANGES --stream--> {{TABLE}}_PARSE --> STAGING_{{TABLE}} --stream--> {{TABLE}}_APPLY --> {{TABLE}}, {{TABLE}}_SCD
--
-- Positions: a change's _OFFSET_TOKEN orders all changes of the table; its first 18 characters, _TX_POSITION,
-- are its source transaction's place in commit order (change/OffsetTokens.java).

-- Typed changes: one row per source change of {{SOURCE_SCHEMA}}.{{SOURCE_TABLE}}.
CREATE TABLE IF NOT EXISTS STAGING_{{TABLE}} (
{{COLUMN_DEFINITIONS}},
    _OP            VARCHAR(1)    NOT NULL,  -- Debezium op: c create, u update, d delete, r snapshot read,
                                            -- t truncate (one row per key the TRUNCATE removed)
    _TX_POSITION   VARCHAR(64)   NOT NULL,  -- the source transaction's place in commit order
    _OFFSET_TOKEN  VARCHAR(64)   NOT NULL,  -- the change's place
    _SOURCE_LSN    NUMBER(20,0)  NOT NULL,  -- the change's position in the source WAL
    _COMMITTED_AT  TIMESTAMP_LTZ NOT NULL,  -- source commit time (snapshot reads: when the snapshot began)
    _TX_ID         NUMBER(20,0)             -- source transaction id
);
{{ADD_COLUMNS:STAGING_{{TABLE}}}}

-- The current state: exactly the live rows of the source table.
CREATE TABLE IF NOT EXISTS {{TABLE}} (
{{COLUMN_DEFINITIONS}},
    _TX_POSITION   VARCHAR(64)   NOT NULL,  -- the source transaction that wrote this state
    _OFFSET_TOKEN  VARCHAR(64)   NOT NULL,  -- the last change applied to this row
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
    _APPLIED_AT          TIMESTAMP_LTZ,           -- when the apply task last wrote this version
    PRIMARY KEY ({{TABLE}}_SCD_KEY)
);
{{ADD_COLUMNS:{{TABLE}}_SCD}}

-- Per key ever seen, the last change applied to {{TABLE}} and {{TABLE}}_SCD: a change at or below it is a replay.
-- Kept for deleted keys too, so that a replay cannot bring a deleted row back.
CREATE TABLE IF NOT EXISTS {{TABLE}}_APPLIED (
{{KEY_DEFINITIONS}},
    _LAST_TOKEN    VARCHAR(64)   NOT NULL,
    PRIMARY KEY ({{KEYS}})
);

-- Streams keep their offsets across deployments (IF NOT EXISTS); SHOW_INITIAL_ROWS picks up rows that landed
-- before the stream existed (a table added to the configuration later).
CREATE STREAM IF NOT EXISTS RAW_CHANGES_{{TABLE}}_STREAM ON TABLE RAW_CHANGES APPEND_ONLY = TRUE SHOW_INITIAL_ROWS = TRUE;
CREATE STREAM IF NOT EXISTS STAGING_{{TABLE}}_STREAM ON TABLE STAGING_{{TABLE}} APPEND_ONLY = TRUE SHOW_INITIAL_ROWS = TRUE;

-- Tasks hold no state: replaced on every deployment. Snowflake wants the root suspended while its graph changes.
ALTER TASK IF EXISTS {{TABLE}}_PARSE SUSPEND;

-- 1. Parse: typed staging rows from this table's landed changes. A change with a value that does not fit its
--    column (or without its key) goes to DEAD_LETTERS with the columns named, instead of stopping the table.
--    One transaction: both statements read the same rows of the stream, which moves on only at COMMIT.
CREATE OR REPLACE TASK {{TABLE}}_PARSE {{WAREHOUSE_CLAUSE}}
  SCHEDULE = '{{SCHEDULE}}'
  -- also when only the apply task has work left (it failed in an earlier run)
  WHEN SYSTEM$STREAM_HAS_DATA('RAW_CHANGES_{{TABLE}}_STREAM') OR SYSTEM$STREAM_HAS_DATA('STAGING_{{TABLE}}_STREAM')
AS
BEGIN
    BEGIN TRANSACTION;
    -- A TRUNCATE (operation t, no row) removes every row written before it: a t row per key that may be live at
    -- that point, which the apply task treats as a delete. Those keys are in the current state, staged by an
    -- earlier run and not applied yet (an apply run failed: those rows come after every applied change, as a
    -- channel lands its changes in order), or landed before the truncate in this run. Keys already deleted get one
    -- too; it changes nothing. (Not from the staging stream: a DML statement that reads a stream consumes it.)
    INSERT INTO STAGING_{{TABLE}} ({{KEYS}}, _OP, _TX_POSITION, _OFFSET_TOKEN, _SOURCE_LSN, _COMMITTED_AT, _TX_ID)
    SELECT DISTINCT {{KEYS:k.}}, 't', SUBSTR(t.OFFSET_TOKEN, 1, 18), t.OFFSET_TOKEN, t.SOURCE_LSN, t.COMMITTED_AT,
           t.TX_ID
    FROM RAW_CHANGES_{{TABLE}}_STREAM t
    JOIN (
        SELECT {{KEYS}}, _OFFSET_TOKEN FROM {{TABLE}}
        UNION ALL
        SELECT {{KEYS}}, _OFFSET_TOKEN FROM STAGING_{{TABLE}}
        WHERE _OFFSET_TOKEN > (SELECT COALESCE(MAX(_LAST_TOKEN), '') FROM {{TABLE}}_APPLIED)
        UNION ALL
        SELECT {{PARSED_KEYS}}, OFFSET_TOKEN FROM RAW_CHANGES_{{TABLE}}_STREAM
        WHERE TABLE_NAME = '{{SOURCE_TABLE}}' AND SOURCE_SCHEMA = '{{SOURCE_SCHEMA}}' AND OPERATION <> 't'
          AND {{PARSE_FAILURES}} = ''
    ) k ON k._OFFSET_TOKEN < t.OFFSET_TOKEN
    WHERE t.TABLE_NAME = '{{SOURCE_TABLE}}' AND t.SOURCE_SCHEMA = '{{SOURCE_SCHEMA}}' AND t.OPERATION = 't';
    INSERT INTO DEAD_LETTERS (REASON, DETAIL, SOURCE_TABLE, OFFSET_TOKEN, ROW_INDEX, PAYLOAD, DEAD_LETTERED_AT)
    SELECT 'type-mismatch', 'values that do not fit their columns in {{TABLE}}: ' || RTRIM({{PARSE_FAILURES}}, ', '),
           TABLE_NAME, OFFSET_TOKEN, NULL,
           OBJECT_CONSTRUCT('operation', OPERATION, 'before', BEFORE, 'after', AFTER), CURRENT_TIMESTAMP()
    FROM RAW_CHANGES_{{TABLE}}_STREAM
    WHERE TABLE_NAME = '{{SOURCE_TABLE}}' AND SOURCE_SCHEMA = '{{SOURCE_SCHEMA}}' AND OPERATION <> 't'
      AND {{PARSE_FAILURES}} <> '';
    INSERT INTO STAGING_{{TABLE}} ({{COLUMNS}}, _OP, _TX_POSITION, _OFFSET_TOKEN, _SOURCE_LSN, _COMMITTED_AT, _TX_ID)
    SELECT {{PARSED_COLUMNS}},
           OPERATION, SUBSTR(OFFSET_TOKEN, 1, 18), OFFSET_TOKEN, SOURCE_LSN, COMMITTED_AT, TX_ID
    FROM RAW_CHANGES_{{TABLE}}_STREAM
    WHERE TABLE_NAME = '{{SOURCE_TABLE}}' AND SOURCE_SCHEMA = '{{SOURCE_SCHEMA}}' AND OPERATION <> 't'
      AND {{PARSE_FAILURES}} = '';
    COMMIT;
END;

-- 2. Apply: the current state, the history, then each key's last applied change, in one transaction. A change
--    at or below a key's last applied change is a replay and changes nothing.
CREATE OR REPLACE TASK {{TABLE}}_APPLY {{WAREHOUSE_CLAUSE}}
  AFTER {{TABLE}}_PARSE
  WHEN SYSTEM$STREAM_HAS_DATA('STAGING_{{TABLE}}_STREAM')
AS
BEGIN
    BEGIN TRANSACTION;

    -- Current state: each key's last new change.
    MERGE INTO {{TABLE}} t
    USING (
        SELECT s.*
        FROM STAGING_{{TABLE}}_STREAM s
        LEFT JOIN {{TABLE}}_APPLIED a ON {{KEYS_JOIN:a:s}}
        WHERE a._LAST_TOKEN IS NULL OR s._OFFSET_TOKEN > a._LAST_TOKEN
        QUALIFY ROW_NUMBER() OVER (PARTITION BY {{KEYS:s.}} ORDER BY s._OFFSET_TOKEN DESC) = 1
    ) b
    ON {{KEYS_JOIN:t:b}}
    WHEN MATCHED AND b._OP IN ('d', 't') THEN DELETE
    WHEN MATCHED THEN UPDATE SET
            _TX_POSITION = b._TX_POSITION,
            _OFFSET_TOKEN = b._OFFSET_TOKEN,
            _COMMITTED_AT = b._COMMITTED_AT{{ASSIGNMENTS:b}}
    WHEN NOT MATCHED AND b._OP NOT IN ('d', 't') THEN
        INSERT ({{COLUMNS}}, _TX_POSITION, _OFFSET_TOKEN, _COMMITTED_AT)
        VALUES ({{COLUMNS:b.}}, b._TX_POSITION, b._OFFSET_TOKEN, b._COMMITTED_AT);

    -- History, as one MERGE:
    --   batch:    each source transaction's final state per key (its intermediate states were never visible),
    --             from the new changes;
    --   touched:  the versions of the keys with new changes;
    --   redone:   versions opened by a transaction the batch continues (its changes landed over two runs):
    --             they are worked out again from that transaction's final state;
    --   seed:     the version live just before the batch's first transaction;
    --   chain:    the seed, then the batch's states, in commit order;
    --   kept:     the states that make or end a version: a live state whose tracked columns differ (NULL-safe)
    --             from the state before it, a live state after a delete, a delete after a live state;
    --   linked:   each kept state with the next one: its VALID_TO, and whether a delete ended it.
    MERGE INTO {{TABLE}}_SCD t
    USING (
        WITH batch AS (
            SELECT s.*
            FROM STAGING_{{TABLE}}_STREAM s
            LEFT JOIN {{TABLE}}_APPLIED a ON {{KEYS_JOIN:a:s}}
            WHERE a._LAST_TOKEN IS NULL OR s._OFFSET_TOKEN > a._LAST_TOKEN
            QUALIFY ROW_NUMBER() OVER (PARTITION BY {{KEYS:s.}}, s._TX_POSITION ORDER BY s._OFFSET_TOKEN DESC) = 1
        ),
        touched AS (
            SELECT v.* FROM {{TABLE}}_SCD v
            WHERE EXISTS (SELECT 1 FROM batch n WHERE {{KEYS_JOIN:n:v}})
        ),
        starts AS (
            SELECT {{KEYS}}, MIN(_TX_POSITION) AS _FROM_POSITION FROM batch GROUP BY {{KEYS}}
        ),
        redone AS (
            SELECT v.* FROM touched v JOIN starts f ON {{KEYS_JOIN:f:v}}
            WHERE v._TX_POSITION >= f._FROM_POSITION
        ),
        seed AS (
            SELECT v.* FROM touched v JOIN starts f ON {{KEYS_JOIN:f:v}}
            WHERE v._TX_POSITION < f._FROM_POSITION
              AND (v._CLOSED_BY_POSITION IS NULL OR v._CLOSED_BY_POSITION >= f._FROM_POSITION)
        ),
        chain AS (
            SELECT {{COLUMNS:v.}}, FALSE AS _IS_DELETE, v.VALID_FROM AS _AT, v._TX_POSITION AS _POS,
                   v.{{TABLE}}_SCD_KEY AS _SEED_KEY, v._CLOSED_BY_POSITION AS _WAS_CLOSED_BY
            FROM seed v
            UNION ALL
            SELECT {{COLUMNS:b.}}, b._OP IN ('d', 't'), b._COMMITTED_AT, b._TX_POSITION, NULL, NULL
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
            WHERE _SEED_KEY IS NOT NULL
               OR (_IS_DELETE AND _PREV_POS IS NOT NULL AND NOT _PREV_IS_DELETE)
               OR (NOT _IS_DELETE AND (_PREV_POS IS NULL OR _PREV_IS_DELETE OR NOT ({{TRACKED_UNCHANGED}})))
        ),
        linked AS (
            SELECT k.*,
                   LEAD(k._AT) OVER (PARTITION BY {{KEYS:k.}} ORDER BY k._POS) AS _NEXT_AT,
                   LEAD(k._POS) OVER (PARTITION BY {{KEYS:k.}} ORDER BY k._POS) AS _NEXT_POS,
                   LEAD(k._IS_DELETE) OVER (PARTITION BY {{KEYS:k.}} ORDER BY k._POS) AS _NEXT_IS_DELETE
            FROM kept k
        ),
        versions AS (
            SELECT l.*, r.{{TABLE}}_SCD_KEY AS _REDONE_KEY
            FROM linked l LEFT JOIN redone r ON {{KEYS_JOIN:r:l}} AND r._TX_POSITION = l._POS
            WHERE l._SEED_KEY IS NULL AND NOT l._IS_DELETE
        )
        -- the seed: closed by the next state, or open again when the state that closed it was worked out away
        SELECT 'close' AS _ACTION, l._SEED_KEY AS _MERGE_KEY, {{COLUMNS:l.}}, l._AT, l._POS,
               l._NEXT_AT, l._NEXT_POS, l._NEXT_IS_DELETE
        FROM linked l
        WHERE l._SEED_KEY IS NOT NULL AND (l._NEXT_POS IS NOT NULL OR l._WAS_CLOSED_BY IS NOT NULL)
        UNION ALL
        -- new versions, and versions worked out again
        SELECT IFF(v._REDONE_KEY IS NULL, 'insert', 'rewrite'), v._REDONE_KEY, {{COLUMNS:v.}}, v._AT, v._POS,
               v._NEXT_AT, v._NEXT_POS, v._NEXT_IS_DELETE
        FROM versions v
        UNION ALL
        -- versions worked out again whose transaction no longer makes a version
        SELECT 'delete', r.{{TABLE}}_SCD_KEY, {{COLUMNS:r.}}, NULL, NULL, NULL, NULL, NULL
        FROM redone r
        WHERE NOT EXISTS (SELECT 1 FROM versions v WHERE v._REDONE_KEY = r.{{TABLE}}_SCD_KEY)
    ) v
    ON t.{{TABLE}}_SCD_KEY = v._MERGE_KEY
    WHEN MATCHED AND v._ACTION = 'delete' THEN DELETE
    WHEN MATCHED AND v._ACTION = 'close' THEN UPDATE SET
        -- a snapshot read is stamped when the snapshot began, which can be (just) after the commit of the key's
        -- next change
        VALID_FROM = LEAST(t.VALID_FROM, COALESCE(v._NEXT_AT, t.VALID_FROM)),
        VALID_TO = v._NEXT_AT,
        IS_CURRENT = v._NEXT_POS IS NULL,
        IS_DELETED = COALESCE(v._NEXT_IS_DELETE, FALSE),
        _CLOSED_BY_POSITION = v._NEXT_POS,
        _APPLIED_AT = CURRENT_TIMESTAMP()
    WHEN MATCHED THEN UPDATE SET
        _APPLIED_AT = CURRENT_TIMESTAMP(){{ASSIGNMENTS:v}},
        VALID_FROM = LEAST(v._AT, COALESCE(v._NEXT_AT, v._AT)),
        VALID_TO = v._NEXT_AT,
        IS_CURRENT = v._NEXT_POS IS NULL,
        IS_DELETED = COALESCE(v._NEXT_IS_DELETE, FALSE),
        _TX_POSITION = v._POS,
        _CLOSED_BY_POSITION = v._NEXT_POS
    WHEN NOT MATCHED THEN
        INSERT ({{COLUMNS}}, VALID_FROM, VALID_TO, IS_CURRENT, IS_DELETED, _TX_POSITION, _CLOSED_BY_POSITION,
                _APPLIED_AT)
        VALUES ({{COLUMNS:v.}}, LEAST(v._AT, COALESCE(v._NEXT_AT, v._AT)), v._NEXT_AT, v._NEXT_POS IS NULL,
                COALESCE(v._NEXT_IS_DELETE, FALSE), v._POS, v._NEXT_POS, CURRENT_TIMESTAMP());

    -- Each key's last applied change.
    MERGE INTO {{TABLE}}_APPLIED a
    USING (
        SELECT {{KEYS}}, MAX(_OFFSET_TOKEN) AS _LAST_TOKEN FROM STAGING_{{TABLE}}_STREAM GROUP BY {{KEYS}}
    ) n
    ON {{KEYS_JOIN:a:n}}
    WHEN MATCHED AND n._LAST_TOKEN > a._LAST_TOKEN THEN UPDATE SET _LAST_TOKEN = n._LAST_TOKEN
    WHEN NOT MATCHED THEN INSERT ({{KEYS}}, _LAST_TOKEN) VALUES ({{KEYS:n.}}, n._LAST_TOKEN);

    COMMIT;
END;

-- Resumed child first, then the root, as Snowflake requires.
ALTER TASK {{TABLE}}_APPLY RESUME;
ALTER TASK {{TABLE}}_PARSE RESUME;
