-- Monitoring: one row per dynamic table of this schema refreshed in the last day: its last finished refresh, the
-- data timestamp it reached, and how far the data the table holds is behind now (from its last successful refresh:
-- a failed refresh's data timestamp is what it attempted, not what the table holds).
SELECT NAME AS DYNAMIC_TABLE_NAME, STATE AS LAST_STATE, STATE_MESSAGE AS LAST_ERROR, REFRESH_TRIGGER,
       DATA_TIMESTAMP,
       DATEDIFF('second', MAX(IFF(STATE = 'SUCCEEDED', DATA_TIMESTAMP, NULL)) OVER (PARTITION BY QUALIFIED_NAME),
                CURRENT_TIMESTAMP()) AS LAG_SECONDS,
       TARGET_LAG_SEC
FROM TABLE(INFORMATION_SCHEMA.DYNAMIC_TABLE_REFRESH_HISTORY(RESULT_LIMIT => 1000))
WHERE STATE NOT IN ('SCHEDULED', 'EXECUTING')
  AND DATABASE_NAME = CURRENT_DATABASE() AND SCHEMA_NAME = CURRENT_SCHEMA()
QUALIFY ROW_NUMBER() OVER (PARTITION BY QUALIFIED_NAME ORDER BY REFRESH_START_TIME DESC) = 1
