-- Monitoring: every run of this schema's tasks that ended in the last hour, in the order they ended, with the
-- warehouse's clock (POLLED_AT). The monitor route counts the runs it has not seen before by task and state, and
-- carries each task's failure streak on with them.
SELECT NAME AS TASK_NAME, STATE, ERROR_MESSAGE, QUERY_ID, SCHEDULED_TIME, COMPLETED_TIME,
       CURRENT_TIMESTAMP() AS POLLED_AT
FROM TABLE(INFORMATION_SCHEMA.TASK_HISTORY(
    SCHEDULED_TIME_RANGE_START => DATEADD('hour', -1, CURRENT_TIMESTAMP()),
    RESULT_LIMIT => 10000))
WHERE STATE NOT IN ('SCHEDULED', 'EXECUTING')
  AND DATABASE_NAME = CURRENT_DATABASE() AND SCHEMA_NAME = CURRENT_SCHEMA()
ORDER BY COMPLETED_TIME, SCHEDULED_TIME
