-- Monitoring: one row per stream of {{TABLE}}: does it hold changes the tasks have not consumed yet, and how long
-- ago the oldest of them committed in the source (0 when there are none). Reading a stream outside a DML
-- statement does not consume it. (The seed draft passed SYSTEM$STREAM_GET_TABLE_TIMESTAMP, nanoseconds of a table
-- version, to DATEDIFF as if it were a timestamp, and selected FROM dual, which Snowflake does not have.)
SELECT s.STREAM_NAME, s.OLDEST_COMMITTED_AT IS NOT NULL AS HAS_DATA, s.OLDEST_COMMITTED_AT,
       COALESCE(DATEDIFF('second', s.OLDEST_COMMITTED_AT, CURRENT_TIMESTAMP()), 0) AS LAG_SECONDS
FROM (
    SELECT 'RAW_CHANGES_{{TABLE}}_STREAM' AS STREAM_NAME,
           (SELECT MIN(COMMITTED_AT) FROM RAW_CHANGES_{{TABLE}}_STREAM
            WHERE TABLE_NAME = '{{SOURCE_TABLE}}' AND SOURCE_SCHEMA = '{{SOURCE_SCHEMA}}') AS OLDEST_COMMITTED_AT
    -- (a table without a key has no staging stream: its parse task is all there is)
    {{WITH_KEY:UNION ALL SELECT 'STAGING_{{TABLE}}_STREAM', (SELECT MIN(_COMMITTED_AT) FROM STAGING_{{TABLE}}_STREAM)}}
) s
