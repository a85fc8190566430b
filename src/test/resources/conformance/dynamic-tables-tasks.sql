-- name: dt-pipeline-daily-revenue
-- source: https://docs.snowflake.com/en/user-guide/dynamic-tables/create
-- note: assumes warehouse TRANSFORM_WH exists (the tutorial's assumption). Default INITIALIZE = ON_CREATE, so both dynamic tables are populated when CREATE returns.
CREATE OR REPLACE TABLE raw_orders (
    order_id       INT,
    customer_id    INT,
    order_date     TIMESTAMP_NTZ,
    product_name   VARCHAR,
    quantity       INT,
    unit_price     DECIMAL(10,2),
    order_status   VARCHAR,
    CONSTRAINT pk_raw_orders PRIMARY KEY (order_id) RELY
);
INSERT INTO raw_orders (order_id, customer_id, order_date, product_name, quantity, unit_price, order_status)
VALUES
    (1001, 1, '2025-01-15 08:30:00', 'Widget A',  3, 29.99, 'completed'),
    (1002, 2, '2025-01-15 09:45:00', 'Widget B',  1, 49.99, 'completed'),
    (1003, 1, '2025-01-15 14:20:00', 'Widget A',  2, 29.99, 'pending'),
    (1004, 3, '2025-01-16 10:00:00', 'Gadget X',  5, 12.50, 'completed'),
    (1005, 2, '2025-01-16 11:30:00', 'Widget B',  1, 49.99, 'returned');
CREATE OR REPLACE TABLE dim_customers (
    customer_id    INT,
    customer_name  VARCHAR,
    region         VARCHAR,
    segment        VARCHAR,
    CONSTRAINT pk_dim_customers PRIMARY KEY (customer_id) RELY
);
INSERT INTO dim_customers (customer_id, customer_name, region, segment)
VALUES
    (1, 'Acme Corp',  'US-West',  'Enterprise'),
    (2, 'Globex Inc', 'US-East',  'Mid-Market'),
    (3, 'Initech LLC','EU-West',  'Startup');
CREATE OR ALTER DYNAMIC TABLE dt_orders
    TARGET_LAG = '10 minutes'
    WAREHOUSE = transform_wh
    REFRESH_MODE = INCREMENTAL
AS
    SELECT
        order_id,
        customer_id,
        order_date,
        TRIM(UPPER(product_name)) AS product_name,
        quantity,
        unit_price,
        quantity * unit_price AS line_total,
        order_status
    FROM raw_orders
    WHERE order_status != 'returned';
CREATE OR ALTER DYNAMIC TABLE dt_orders_daily
    TARGET_LAG = '30 minutes'
    WAREHOUSE = transform_wh
    REFRESH_MODE = INCREMENTAL
AS
    SELECT
        s.order_date::DATE AS order_day,
        c.region,
        c.segment,
        COUNT(*) AS order_count,
        SUM(s.line_total) AS daily_revenue
    FROM dt_orders s
    JOIN dim_customers c ON s.customer_id = c.customer_id
    GROUP BY ALL;
SELECT * FROM dt_orders_daily ORDER BY order_day, region;
-- expect:
-- ORDER_DAY|REGION|SEGMENT|ORDER_COUNT|DAILY_REVENUE
-- 2025-01-15|US-East|Mid-Market|1|49.99
-- 2025-01-15|US-West|Enterprise|2|149.95
-- 2025-01-16|EU-West|Startup|1|62.50
-- end

-- name: dt-show-refresh-mode-via-pipe
-- source: https://docs.snowflake.com/en/user-guide/dynamic-tables/refresh-modes
-- note: the page elides the dt_orders definition ("SELECT ... FROM raw_orders ..."); the full REFRESH_MODE = INCREMENTAL definition from https://docs.snowflake.com/en/user-guide/dynamic-tables/create is used. Assumes warehouse TRANSFORM_WH exists.
CREATE OR REPLACE TABLE raw_orders (
    order_id       INT,
    customer_id    INT,
    order_date     TIMESTAMP_NTZ,
    product_name   VARCHAR,
    quantity       INT,
    unit_price     DECIMAL(10,2),
    order_status   VARCHAR,
    CONSTRAINT pk_raw_orders PRIMARY KEY (order_id) RELY
);
INSERT INTO raw_orders (order_id, customer_id, order_date, product_name, quantity, unit_price, order_status)
VALUES
    (1001, 1, '2025-01-15 08:30:00', 'Widget A',  3, 29.99, 'completed'),
    (1002, 2, '2025-01-15 09:45:00', 'Widget B',  1, 49.99, 'completed'),
    (1003, 1, '2025-01-15 14:20:00', 'Widget A',  2, 29.99, 'pending'),
    (1004, 3, '2025-01-16 10:00:00', 'Gadget X',  5, 12.50, 'completed'),
    (1005, 2, '2025-01-16 11:30:00', 'Widget B',  1, 49.99, 'returned');
CREATE OR REPLACE DYNAMIC TABLE dt_orders
    TARGET_LAG = '10 minutes'
    WAREHOUSE = transform_wh
    REFRESH_MODE = INCREMENTAL
AS
    SELECT
        order_id,
        customer_id,
        order_date,
        TRIM(UPPER(product_name)) AS product_name,
        quantity,
        unit_price,
        quantity * unit_price AS line_total,
        order_status
    FROM raw_orders
    WHERE order_status != 'returned';
SHOW DYNAMIC TABLES LIKE 'dt_orders' ->> SELECT "name", "refresh_mode", "refresh_mode_reason" FROM $1;
-- expect:
-- name|refresh_mode|refresh_mode_reason
-- DT_ORDERS|INCREMENTAL|NULL
-- end

-- name: dt-show-scheduling-state-running
-- source: https://docs.snowflake.com/en/user-guide/dynamic-tables/create
-- note: the docs run SHOW DYNAMIC TABLES LIKE 'dt_orders' and print only these five columns (others elided as "..."); the ->> projection is added so the expect holds exactly the printed columns. Assumes warehouse TRANSFORM_WH exists.
CREATE OR REPLACE TABLE raw_orders (
    order_id       INT,
    customer_id    INT,
    order_date     TIMESTAMP_NTZ,
    product_name   VARCHAR,
    quantity       INT,
    unit_price     DECIMAL(10,2),
    order_status   VARCHAR,
    CONSTRAINT pk_raw_orders PRIMARY KEY (order_id) RELY
);
INSERT INTO raw_orders (order_id, customer_id, order_date, product_name, quantity, unit_price, order_status)
VALUES
    (1001, 1, '2025-01-15 08:30:00', 'Widget A',  3, 29.99, 'completed'),
    (1002, 2, '2025-01-15 09:45:00', 'Widget B',  1, 49.99, 'completed'),
    (1003, 1, '2025-01-15 14:20:00', 'Widget A',  2, 29.99, 'pending'),
    (1004, 3, '2025-01-16 10:00:00', 'Gadget X',  5, 12.50, 'completed'),
    (1005, 2, '2025-01-16 11:30:00', 'Widget B',  1, 49.99, 'returned');
CREATE OR ALTER DYNAMIC TABLE dt_orders
    TARGET_LAG = '10 minutes'
    WAREHOUSE = transform_wh
    REFRESH_MODE = INCREMENTAL
AS
    SELECT
        order_id,
        customer_id,
        order_date,
        TRIM(UPPER(product_name)) AS product_name,
        quantity,
        unit_price,
        quantity * unit_price AS line_total,
        order_status
    FROM raw_orders
    WHERE order_status != 'returned';
SHOW DYNAMIC TABLES LIKE 'dt_orders' ->> SELECT "name", "refresh_mode", "refresh_mode_reason", "scheduling_state", "warehouse" FROM $1;
-- expect:
-- name|refresh_mode|refresh_mode_reason|scheduling_state|warehouse
-- DT_ORDERS|INCREMENTAL|NULL|RUNNING|TRANSFORM_WH
-- end

-- name: dt-auto-refresh-mode-resolves-full-for-except
-- source: https://docs.snowflake.com/en/user-guide/dynamic-tables/refresh-modes
-- note: adapted. The page prints this row for the case "when AUTO resolves to FULL" for DT_NON_NULL_ORDERS, but its DDL for that table sets REFRESH_MODE = FULL explicitly; here REFRESH_MODE is omitted (AUTO, the default) so the printed reason applies. The ->> projection matches the page's own SHOW ... ->> SELECT "name", "refresh_mode", "refresh_mode_reason" query. Assumes warehouse TRANSFORM_WH exists.
CREATE OR REPLACE TABLE raw_orders (
    order_id       INT,
    customer_id    INT,
    order_date     TIMESTAMP_NTZ,
    product_name   VARCHAR,
    quantity       INT,
    unit_price     DECIMAL(10,2),
    order_status   VARCHAR,
    CONSTRAINT pk_raw_orders PRIMARY KEY (order_id) RELY
);
CREATE OR REPLACE DYNAMIC TABLE dt_non_null_orders
  TARGET_LAG = '1 hour'
  WAREHOUSE = transform_wh
AS
  SELECT order_id, product_name, quantity, unit_price
  FROM raw_orders
  EXCEPT
  SELECT order_id, product_name, quantity, unit_price
  FROM raw_orders
  WHERE order_status IS NULL;
SHOW DYNAMIC TABLES LIKE 'dt_non_null_orders' ->> SELECT "name", "refresh_mode", "refresh_mode_reason" FROM $1;
-- expect:
-- name|refresh_mode|refresh_mode_reason
-- DT_NON_NULL_ORDERS|FULL|Unsupported query operator type: SetOperation[EXCEPT]
-- end

-- name: dt-suspend-graph-history-user-suspended
-- source: https://docs.snowflake.com/en/user-guide/dynamic-tables/manage
-- note: assumes warehouse TRANSFORM_WH exists; dt_orders definition from https://docs.snowflake.com/en/user-guide/dynamic-tables/create
CREATE OR REPLACE TABLE raw_orders (
    order_id       INT,
    customer_id    INT,
    order_date     TIMESTAMP_NTZ,
    product_name   VARCHAR,
    quantity       INT,
    unit_price     DECIMAL(10,2),
    order_status   VARCHAR,
    CONSTRAINT pk_raw_orders PRIMARY KEY (order_id) RELY
);
CREATE OR REPLACE DYNAMIC TABLE dt_orders
    TARGET_LAG = '10 minutes'
    WAREHOUSE = transform_wh
    REFRESH_MODE = INCREMENTAL
AS
    SELECT
        order_id,
        customer_id,
        order_date,
        TRIM(UPPER(product_name)) AS product_name,
        quantity,
        unit_price,
        quantity * unit_price AS line_total,
        order_status
    FROM raw_orders
    WHERE order_status != 'returned';
ALTER DYNAMIC TABLE dt_orders SUSPEND;
SELECT name,
       scheduling_state:state::STRING AS state,
       scheduling_state:reason_code::STRING AS reason_code
  FROM TABLE(INFORMATION_SCHEMA.DYNAMIC_TABLE_GRAPH_HISTORY())
  WHERE name = 'DT_ORDERS'
  ORDER BY valid_from DESC
  LIMIT 1;
-- expect:
-- NAME|STATE|REASON_CODE
-- DT_ORDERS|SUSPENDED|USER_SUSPENDED
-- end

-- name: dt-frozen-where-shown-as-immutable-where
-- source: https://docs.snowflake.com/en/user-guide/dynamic-tables/frozen-regions
-- note: the docs run SHOW DYNAMIC TABLES LIKE 'dt_orders' and print only name and immutable_where; the ->> projection is added. dt_orders definition from https://docs.snowflake.com/en/user-guide/dynamic-tables/create (the frozen-regions page elides it). Assumes warehouse TRANSFORM_WH exists.
CREATE OR REPLACE TABLE raw_orders (
    order_id       INT,
    customer_id    INT,
    order_date     TIMESTAMP_NTZ,
    product_name   VARCHAR,
    quantity       INT,
    unit_price     DECIMAL(10,2),
    order_status   VARCHAR,
    CONSTRAINT pk_raw_orders PRIMARY KEY (order_id) RELY
);
CREATE OR REPLACE DYNAMIC TABLE dt_orders
    TARGET_LAG = '10 minutes'
    WAREHOUSE = transform_wh
    REFRESH_MODE = INCREMENTAL
AS
    SELECT
        order_id,
        customer_id,
        order_date,
        TRIM(UPPER(product_name)) AS product_name,
        quantity,
        unit_price,
        quantity * unit_price AS line_total,
        order_status
    FROM raw_orders
    WHERE order_status != 'returned';
ALTER DYNAMIC TABLE dt_orders
  SET FROZEN WHERE (order_date < '2025-01-01');
SHOW DYNAMIC TABLES LIKE 'dt_orders' ->> SELECT "name", "immutable_where" FROM $1;
-- expect:
-- name|immutable_where
-- DT_ORDERS|order_date < '2025-01-01'::TIMESTAMP_NTZ
-- end

-- name: dt-frozen-where-rely-constraint-error
-- source: https://docs.snowflake.com/en/user-guide/dynamic-tables/frozen-regions
-- note: adapted setup. The docs' dt_orders here selects order_id, order_date, customer_id, line_total FROM raw_orders, but the tutorial's raw_orders has no line_total column, so a minimal raw_orders with those four columns is created. Assumes warehouse TRANSFORM_WH exists. The first ADD CONSTRAINT succeeds per the docs; the second fails.
CREATE OR REPLACE TABLE raw_orders (
    order_id       INT,
    order_date     TIMESTAMP_NTZ,
    customer_id    INT,
    line_total     DECIMAL(10,2)
);
CREATE OR REPLACE DYNAMIC TABLE dt_orders
  TARGET_LAG = '10 minutes'
  WAREHOUSE = transform_wh
  FROZEN WHERE (order_date < '2025-01-01')
AS
  SELECT
    order_id,
    order_date,
    customer_id,
    line_total
  FROM raw_orders;
ALTER TABLE dt_orders ADD CONSTRAINT pk_orders PRIMARY KEY (order_id, order_date) RELY;
ALTER TABLE dt_orders ADD CONSTRAINT uq_customer UNIQUE (order_id, customer_id) RELY;
-- expect-error: 002857 (55000): If a FROZEN WHERE clause is used with a PRIMARY KEY RELY constraint or a UNIQUE RELY constraint
-- end

-- name: dt-undrop-when-name-exists-error
-- source: https://docs.snowflake.com/en/user-guide/dynamic-tables/manage
-- note: setup follows the documented situation "a new dynamic table with the same name was created after the original was dropped", using a simplified dt_orders definition (the docs don't show the setup). Assumes warehouse TRANSFORM_WH exists.
CREATE OR REPLACE TABLE raw_orders (
    order_id       INT,
    customer_id    INT,
    order_date     TIMESTAMP_NTZ,
    product_name   VARCHAR,
    quantity       INT,
    unit_price     DECIMAL(10,2),
    order_status   VARCHAR,
    CONSTRAINT pk_raw_orders PRIMARY KEY (order_id) RELY
);
CREATE OR REPLACE DYNAMIC TABLE dt_orders
    TARGET_LAG = '10 minutes'
    WAREHOUSE = transform_wh
    REFRESH_MODE = INCREMENTAL
AS
    SELECT order_id, customer_id, order_date FROM raw_orders;
DROP DYNAMIC TABLE dt_orders;
CREATE DYNAMIC TABLE dt_orders
    TARGET_LAG = '10 minutes'
    WAREHOUSE = transform_wh
    REFRESH_MODE = INCREMENTAL
AS
    SELECT order_id, customer_id, order_date FROM raw_orders;
UNDROP DYNAMIC TABLE dt_orders;
-- expect-error: Dynamic table 'DT_ORDERS' already exists.
-- end

-- name: dt-initialize-on-schedule-not-initialized-error
-- source: https://docs.snowflake.com/en/user-guide/dynamic-tables/troubleshoot-creation
-- note: adapted statement; the docs state "With INITIALIZE = ON_SCHEDULE, the table is empty until the initial refresh. Queries return a `Dynamic table is not initialized` error." The query must run before the first scheduled refresh. Assumes warehouse TRANSFORM_WH exists.
CREATE OR REPLACE TABLE raw_orders (
    order_id       INT,
    customer_id    INT,
    order_date     TIMESTAMP_NTZ
);
CREATE OR REPLACE DYNAMIC TABLE dt_orders_lazy
    TARGET_LAG = '10 minutes'
    WAREHOUSE = transform_wh
    INITIALIZE = ON_SCHEDULE
AS
    SELECT order_id, customer_id, order_date FROM raw_orders;
SELECT * FROM dt_orders_lazy;
-- expect-error: Dynamic table is not initialized
-- end

-- name: dt-current-session-unsupported-error
-- source: https://docs.snowflake.com/en/user-guide/dynamic-tables/troubleshoot-creation
-- note: adapted statement; the docs print only the error message ("SQL compilation error: Unsupported context function 'CURRENT_SESSION' used in dynamic table definition."), not the DDL that raised it. Assumes warehouse TRANSFORM_WH exists.
CREATE OR REPLACE TABLE raw_orders (
    order_id       INT,
    customer_id    INT,
    order_date     TIMESTAMP_NTZ
);
CREATE OR REPLACE DYNAMIC TABLE dt_session
    TARGET_LAG = '10 minutes'
    WAREHOUSE = transform_wh
AS
    SELECT order_id, CURRENT_SESSION() AS session_id FROM raw_orders;
-- expect-error: SQL compilation error: Unsupported context function 'CURRENT_SESSION' used in dynamic table definition.
-- end

-- name: show-dynamic-tables-column-list
-- source: https://docs.snowflake.com/en/sql-reference/sql/show-dynamic-tables
-- note: header-only = the documented output column list (Output section), in documented order; the docs print no result. The docs' example is SHOW DYNAMIC TABLES LIKE 'product_%' IN SCHEMA mydb.myschema; the IN clause is dropped so the case needs no mydb. Documented values: scheduling_state RUNNING|SUSPENDED; scheduler ENABLE|DISABLE|NULL; refresh_mode INCREMENTAL|FULL|AUTO|ADAPTIVE|CUSTOM_INCREMENTAL.
SHOW DYNAMIC TABLES LIKE 'product_%';
-- expect:
-- created_on|name|database_name|schema_name|cluster_by|rows|bytes|owner|target_lag|scheduler|refresh_mode|refresh_mode_reason|warehouse|comment|text|automatic_clustering|scheduling_state|last_suspended_on|is_clone|is_replica|is_iceberg|data_timestamp|owner_role_type|immutable_where|execute_as_user
-- end

-- name: dynamic-table-refresh-history-column-list
-- source: https://docs.snowflake.com/en/sql-reference/functions/dynamic_table_refresh_history
-- note: header-only = the documented output column list, in documented order (the docs print no result; their example selects a subset with NAME_PREFIX => 'MYDB.MYSCHEMA.', ERROR_ONLY => TRUE). Documented values: STATE SCHEDULED|EXECUTING|SUCCEEDED|FAILED|CANCELLED|UPSTREAM_FAILED|SKIPPED; REFRESH_ACTION NO_DATA|REINITIALIZE|FULL|INCREMENTAL|CUSTOM_INCREMENTAL; REFRESH_TRIGGER SCHEDULED|MANUAL|CREATION (MANUAL for ALTER DYNAMIC TABLE ... REFRESH).
SELECT * FROM TABLE(INFORMATION_SCHEMA.DYNAMIC_TABLE_REFRESH_HISTORY());
-- expect:
-- NAME|SCHEMA_NAME|DATABASE_NAME|STATE|STATE_CODE|STATE_MESSAGE|QUERY_ID|DATA_TIMESTAMP|REFRESH_START_TIME|REFRESH_END_TIME|COMPLETION_TARGET|QUALIFIED_NAME|LAST_COMPLETED_DEPENDENCY|STATISTICS|REFRESH_ACTION|REINIT_REASON|REFRESH_TRIGGER|TARGET_LAG_SEC|GRAPH_HISTORY_VALID_FROM|INPUTS_WITH_CHANGED_DATA
-- end

-- name: task-history-column-list
-- source: https://docs.snowflake.com/en/sql-reference/functions/task_history
-- note: header-only = the documented output column list, in documented order (the docs print no result). Query is the docs' first example. Documented values: STATE SCHEDULED|EXECUTING|SUCCEEDED|FAILED|FAILED_AND_AUTO_SUSPENDED|CANCELLED|SKIPPED; SCHEDULED_FROM SCHEDULE|EXECUTE_TASK|MANUAL RETRY|AUTOMATIC RETRY|TRIGGER; ATTEMPT_NUMBER initially 1; rows are returned in descending SCHEDULED_TIME order by the function itself.
SELECT *
  FROM TABLE(SNOWFLAKE.INFORMATION_SCHEMA.TASK_HISTORY())
  ORDER BY SCHEDULED_TIME;
-- expect:
-- QUERY_ID|NAME|DATABASE_NAME|SCHEMA_NAME|QUERY_TEXT|CONDITION_TEXT|STATE|ERROR_CODE|ERROR_MESSAGE|SCHEDULED_TIME|QUERY_START_TIME|NEXT_SCHEDULED_TIME|COMPLETED_TIME|ROOT_TASK_ID|GRAPH_VERSION|RUN_ID|RETURN_VALUE|SCHEDULED_FROM|ATTEMPT_NUMBER|CONFIG|QUERY_HASH|QUERY_HASH_VERSION|QUERY_PARAMETERIZED_HASH|QUERY_PARAMETERIZED_HASH_VERSION|GRAPH_RUN_GROUP_ID|BACKFILL_INFO|SPCS_JOB_ID
-- end

-- name: task-dependents-column-list
-- source: https://docs.snowflake.com/en/sql-reference/functions/task_dependents
-- note: header-only = the column list the docs print in their Output section (the docs print no result rows; a real run also returns the root task itself as the first row, so the query leaves it out: mytask has no dependents, and no row is left). Setup is adapted: the docs assume mydb.myschema.mytask exists. Documented state values: 'Started' or 'Suspended'; predecessors is a JSON array (empty array for none).
CREATE DATABASE IF NOT EXISTS mydb;
CREATE SCHEMA IF NOT EXISTS mydb.myschema;
USE SCHEMA mydb.myschema;
CREATE OR REPLACE TASK mydb.myschema.mytask
  SCHEDULE = '1 MINUTE'
  AS SELECT 1;
select *
  from table(information_schema.task_dependents(task_name => 'mydb.myschema.mytask', recursive => false))
  where name <> 'MYTASK';
-- expect:
-- created_on|name|database_name|schema_name|owner|comment|warehouse|schedule|predecessors|state|definition|condition
-- end

-- name: show-tasks-column-list
-- source: https://docs.snowflake.com/en/sql-reference/sql/show-tasks
-- note: header-only = the documented output column list, in documented order (the docs print no result). The docs' example is SHOW TASKS LIKE 'line%' IN tpch.public; the IN clause is dropped. Documented state values: 'started' or 'suspended'; rows ordered by database, schema, task name.
SHOW TASKS LIKE 'line%';
-- expect:
-- created_on|name|id|database_name|schema_name|owner|comment|warehouse|schedule|scheduling_mode|target_completion_interval|predecessors|state|definition|condition|allow_overlapping_execution|error_integration|success_integration|last_committed_on|last_suspended_on|owner_role_type|config|last_suspended_reason|task_relations|execute_as_user
-- end

-- name: show-terse-tasks-column-list
-- source: https://docs.snowflake.com/en/sql-reference/sql/show-tasks
-- note: header-only = the documented TERSE column subset ("kind (shows NULL for all task records)"); statement adapted from the docs' SHOW TASKS examples.
SHOW TERSE TASKS LIKE 'line%';
-- expect:
-- created_on|name|kind|database_name|schema_name|schedule
-- end
