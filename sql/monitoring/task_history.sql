-- Monitoring: one row per task that ran in the last hour: its runs by state, its last state and error, and its
-- longest run. (The seed draft read TASK_HISTORY() without a time range and computed durations of runs still
-- executing.)
SELECT NAME AS TASK_NAME,
       COUNT(*) AS RUNS,
       COUNT_IF(STATE = 'SUCCEEDED') AS SUCCEEDED,
       COUNT_IF(STATE IN ('FAILED', 'FAILED_AND_AUTO_SUSPENDED')) AS FAILED,
       COUNT_IF(STATE = 'SKIPPED') AS SKIPPED,
       MAX_BY(STATE, SCHEDULED_TIME) AS LAST_STATE,
       MAX_BY(ERROR_MESSAGE, SCHEDULED_TIME) AS LAST_ERROR,
       MAX(IFF(COMPLETED_TIME IS NULL, NULL, DATEDIFF('millisecond', QUERY_START_TIME, COMPLETED_TIME))) / 1000 AS MAX_RUN_SECONDS
FROM TABLE(INFORMATION_SCHEMA.TASK_HISTORY(
    SCHEDULED_TIME_RANGE_START => DATEADD('hour', -1, CURRENT_TIMESTAMP()),
    RESULT_LIMIT => 10000))
WHERE STATE <> 'SCHEDULED'
GROUP BY NAME
