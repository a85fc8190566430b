-- name: lag-ignore-nulls
-- source: https://docs.snowflake.com/en/sql-reference/functions/lag
CREATE OR REPLACE TABLE t1 (
  col_1 NUMBER,
  col_2 NUMBER);
INSERT INTO t1 VALUES
  (1, 5),
  (2, 4),
  (3, NULL),
  (4, 2),
  (5, NULL),
  (6, NULL),
  (7, 6);
SELECT col_1,
       col_2,
       LAG(col_2) IGNORE NULLS OVER (ORDER BY col_1)
  FROM t1
  ORDER BY col_1;
-- expect:
-- COL_1|COL_2|LAG(COL_2) IGNORE NULLS OVER (ORDER BY COL_1)
-- 1|5|NULL
-- 2|4|5
-- 3|NULL|4
-- 4|2|4
-- 5|NULL|2
-- 6|NULL|2
-- 7|6|2
-- end

-- name: lag-offset-default-partition
-- source: https://docs.snowflake.com/en/sql-reference/functions/lag
CREATE OR REPLACE TABLE sales(
  emp_id INTEGER,
  year INTEGER,
  revenue DECIMAL(10,2));
INSERT INTO sales VALUES
  (0, 2010, 1000),
  (0, 2011, 1500),
  (0, 2012, 500),
  (0, 2013, 750);
INSERT INTO sales VALUES
  (1, 2010, 10000),
  (1, 2011, 12500),
  (1, 2012, 15000),
  (1, 2013, 20000);
INSERT INTO sales VALUES
  (2, 2012, 500),
  (2, 2013, 800);
SELECT emp_id, year, revenue,
       revenue - LAG(revenue, 1, 0) OVER (PARTITION BY emp_id ORDER BY year) AS diff_to_prev
  FROM sales
  ORDER BY emp_id, year;
-- expect:
-- EMP_ID|YEAR|REVENUE|DIFF_TO_PREV
-- 0|2010|1000.00|1000.00
-- 0|2011|1500.00|500.00
-- 0|2012|500.00|-1000.00
-- 0|2013|750.00|250.00
-- 1|2010|10000.00|10000.00
-- 1|2011|12500.00|2500.00
-- 1|2012|15000.00|2500.00
-- 1|2013|20000.00|5000.00
-- 2|2012|500.00|500.00
-- 2|2013|800.00|300.00
-- end

-- name: lead-ignore-nulls
-- source: https://docs.snowflake.com/en/sql-reference/functions/lead
-- note: unordered (the documented query has no ORDER BY; rows listed as the docs print them)
CREATE OR REPLACE TABLE t1 (
  c1 NUMBER,
  c2 NUMBER);
INSERT INTO t1 VALUES
  (1,5),
  (2,4),
  (3,NULL),
  (4,2),
  (5,NULL),
  (6,NULL),
  (7,6);
SELECT c1,
       c2,
       LEAD(c2) IGNORE NULLS OVER (ORDER BY c1)
  FROM t1;
-- expect:
-- C1|C2|LEAD(C2) IGNORE NULLS OVER (ORDER BY C1)
-- 1|5|4
-- 2|4|2
-- 3|NULL|2
-- 4|2|6
-- 5|NULL|6
-- 6|NULL|6
-- 7|6|NULL
-- end

-- name: lead-diff-to-next
-- source: https://docs.snowflake.com/en/sql-reference/functions/lead
CREATE OR REPLACE TABLE sales(
  emp_id INTEGER,
  year INTEGER,
  revenue DECIMAL(10,2));
INSERT INTO sales VALUES
  (0, 2010, 1000),
  (0, 2011, 1500),
  (0, 2012, 500),
  (0, 2013, 750);
INSERT INTO sales VALUES
  (1, 2010, 10000),
  (1, 2011, 12500),
  (1, 2012, 15000),
  (1, 2013, 20000);
INSERT INTO sales VALUES
  (2, 2012, 500),
  (2, 2013, 800);
SELECT emp_id,
       year,
       revenue,
       LEAD(revenue) OVER (PARTITION BY emp_id ORDER BY year) - revenue AS diff_to_next
  FROM sales
  ORDER BY emp_id, year;
-- expect:
-- EMP_ID|YEAR|REVENUE|DIFF_TO_NEXT
-- 0|2010|1000.00|500.00
-- 0|2011|1500.00|-1000.00
-- 0|2012|500.00|250.00
-- 0|2013|750.00|NULL
-- 1|2010|10000.00|2500.00
-- 1|2011|12500.00|2500.00
-- 1|2012|15000.00|5000.00
-- 1|2013|20000.00|NULL
-- 2|2012|500.00|300.00
-- 2|2013|800.00|NULL
-- end

-- name: dateadd-year-on-date-returns-date
-- source: https://docs.snowflake.com/en/sql-reference/functions/dateadd
SELECT TO_DATE('2022-05-08') AS original_date,
       DATEADD(year, 2, TO_DATE('2022-05-08')) AS date_plus_two_years;
-- expect:
-- ORIGINAL_DATE|DATE_PLUS_TWO_YEARS
-- 2022-05-08|2024-05-08
-- end

-- name: dateadd-hour-on-date-returns-timestamp
-- source: https://docs.snowflake.com/en/sql-reference/functions/dateadd
-- note: the docs' setup also runs ALTER SESSION SET TIMESTAMP_OUTPUT_FORMAT = 'YYYY-MM-DD HH24:MI:SS.FF9', but the printed result uses the default 3-digit format; that ALTER is omitted here so the expect matches the printed output. CREATE TABLE changed to CREATE OR REPLACE TABLE.
CREATE OR REPLACE TABLE datetest (d date);
INSERT INTO datetest VALUES ('2022-04-05');
SELECT d AS original_date,
       DATEADD(year, 2, d) AS date_plus_two_years,
       TO_TIMESTAMP(d) AS original_timestamp,
       DATEADD(hour, 2, d) AS timestamp_plus_two_hours
  FROM datetest;
-- expect:
-- ORIGINAL_DATE|DATE_PLUS_TWO_YEARS|ORIGINAL_TIMESTAMP|TIMESTAMP_PLUS_TWO_HOURS
-- 2022-04-05|2024-04-05|2022-04-05 00:00:00.000|2022-04-05 02:00:00.000
-- end

-- name: dateadd-month-end-jan31
-- source: https://docs.snowflake.com/en/sql-reference/functions/dateadd
SELECT DATEADD(month, 1, '2023-01-31'::DATE) AS date_plus_one_month;
-- expect:
-- DATE_PLUS_ONE_MONTH
-- 2023-02-28
-- end

-- name: dateadd-month-feb28
-- source: https://docs.snowflake.com/en/sql-reference/functions/dateadd
SELECT DATEADD(month, 1, '2023-02-28'::DATE) AS date_plus_one_month;
-- expect:
-- DATE_PLUS_ONE_MONTH
-- 2023-03-28
-- end

-- name: datediff-year-timestamps
-- source: https://docs.snowflake.com/en/sql-reference/functions/datediff
SELECT DATEDIFF(year,
                '2020-04-09 14:39:20'::TIMESTAMP,
                '2023-05-08 23:39:20'::TIMESTAMP)
  AS diff_years;
-- expect:
-- DIFF_YEARS
-- 3
-- end

-- name: datediff-hour-offset-literal
-- source: https://docs.snowflake.com/en/sql-reference/functions/datediff
-- note: assumes the default TIMESTAMP_TYPE_MAPPING (TIMESTAMP_NTZ)
SELECT DATEDIFF(hour,
               '2023-05-08T23:39:20.123-07:00'::TIMESTAMP,
               DATEADD(year, 2, ('2023-05-08T23:39:20.123-07:00')::TIMESTAMP))
  AS diff_hours;
-- expect:
-- DIFF_HOURS
-- 17544
-- end

-- name: datediff-date-parts-from-values
-- source: https://docs.snowflake.com/en/sql-reference/functions/datediff
-- note: unordered (no ORDER BY; rows listed as the docs print them)
SELECT column1 date_1, column2 date_2,
       DATEDIFF(year, column1, column2) diff_years,
       DATEDIFF(month, column1, column2) diff_months,
       DATEDIFF(day, column1, column2) diff_days,
       column2::DATE - column1::DATE AS diff_days_via_minus
  FROM VALUES
       ('2015-12-30', '2015-12-31'),
       ('2015-12-31', '2016-01-01'),
       ('2016-01-01', '2017-12-31'),
       ('2016-08-23', '2016-09-07');
-- expect:
-- DATE_1|DATE_2|DIFF_YEARS|DIFF_MONTHS|DIFF_DAYS|DIFF_DAYS_VIA_MINUS
-- 2015-12-30|2015-12-31|0|0|1|1
-- 2015-12-31|2016-01-01|1|1|1|1
-- 2016-01-01|2017-12-31|1|23|730|730
-- 2016-08-23|2016-09-07|0|1|15|15
-- end

-- name: datediff-time-parts
-- source: https://docs.snowflake.com/en/sql-reference/functions/datediff
-- note: unordered (no ORDER BY). Sets session parameter TIMESTAMP_NTZ_OUTPUT_FORMAT (as the docs do); run in a fresh session.
ALTER SESSION SET TIMESTAMP_NTZ_OUTPUT_FORMAT = 'DY, DD MON YYYY HH24:MI:SS';
SELECT column1 timestamp_1, column2 timestamp_2,
       DATEDIFF(hour, column1, column2) diff_hours,
       DATEDIFF(minute, column1, column2) diff_minutes,
       DATEDIFF(second, column1, column2) diff_seconds
  FROM VALUES
       ('2016-01-01 01:59:59'::TIMESTAMP, '2016-01-01 02:00:00'::TIMESTAMP),
       ('2016-01-01 01:00:00'::TIMESTAMP, '2016-01-01 01:59:00'::TIMESTAMP),
       ('2016-01-01 01:00:59'::TIMESTAMP, '2016-01-01 02:00:00'::TIMESTAMP);
-- expect:
-- TIMESTAMP_1|TIMESTAMP_2|DIFF_HOURS|DIFF_MINUTES|DIFF_SECONDS
-- Fri, 01 Jan 2016 01:59:59|Fri, 01 Jan 2016 02:00:00|1|1|1
-- Fri, 01 Jan 2016 01:00:00|Fri, 01 Jan 2016 01:59:00|0|59|3540
-- Fri, 01 Jan 2016 01:00:59|Fri, 01 Jan 2016 02:00:00|1|60|3541
-- end

-- name: datediff-week-date-trunc-week-start-0
-- source: https://docs.snowflake.com/en/sql-reference/functions-date-time
-- note: unordered (no ORDER BY). Sets session parameter WEEK_START = 0 (the default), as the docs do.
ALTER SESSION SET WEEK_START = 0;
CREATE OR REPLACE TABLE week_examples (d DATE);
INSERT INTO week_examples VALUES
  ('2016-12-30'),
  ('2016-12-31'),
  ('2017-01-01'),
  ('2017-01-02'),
  ('2017-01-03'),
  ('2017-01-04'),
  ('2017-01-05'),
  ('2017-12-30'),
  ('2017-12-31');
SELECT d "Date",
       DAYNAME(d) "Day",
       DAYOFWEEK(d) "DOW",
       DATE_TRUNC('week', d) "Trunc Date",
       DAYNAME("Trunc Date") "Trunc Day",
       LAST_DAY(d, 'week') "Last DOW Date",
       DAYNAME("Last DOW Date") "Last DOW Day",
       DATEDIFF('week', '2017-01-01', d) "Weeks Diff from 2017-01-01 to Date"
  FROM week_examples;
-- expect:
-- Date|Day|DOW|Trunc Date|Trunc Day|Last DOW Date|Last DOW Day|Weeks Diff from 2017-01-01 to Date
-- 2016-12-30|Fri|5|2016-12-26|Mon|2017-01-01|Sun|0
-- 2016-12-31|Sat|6|2016-12-26|Mon|2017-01-01|Sun|0
-- 2017-01-01|Sun|0|2016-12-26|Mon|2017-01-01|Sun|0
-- 2017-01-02|Mon|1|2017-01-02|Mon|2017-01-08|Sun|1
-- 2017-01-03|Tue|2|2017-01-02|Mon|2017-01-08|Sun|1
-- 2017-01-04|Wed|3|2017-01-02|Mon|2017-01-08|Sun|1
-- 2017-01-05|Thu|4|2017-01-02|Mon|2017-01-08|Sun|1
-- 2017-12-30|Sat|6|2017-12-25|Mon|2017-12-31|Sun|52
-- 2017-12-31|Sun|0|2017-12-25|Mon|2017-12-31|Sun|52
-- end

-- name: iff-true
-- source: https://docs.snowflake.com/en/sql-reference/functions/iff
-- note: header copied exactly as the docs print it (the docs show the literals upper-cased in the column name)
SELECT IFF(TRUE, 'true', 'false');
-- expect:
-- IFF(TRUE, 'TRUE', 'FALSE')
-- true
-- end

-- name: iff-null-condition
-- source: https://docs.snowflake.com/en/sql-reference/functions/iff
-- note: header copied exactly as the docs print it
SELECT IFF(NULL, 'true', 'false');
-- expect:
-- IFF(NULL, 'TRUE', 'FALSE')
-- false
-- end

-- name: iff-integer-check-order-desc
-- source: https://docs.snowflake.com/en/sql-reference/functions/iff
-- note: the derived table has no alias; NULL sorts first under ORDER BY ... DESC as printed. Header copied exactly as printed.
SELECT value, IFF(value::INT = value, 'integer', 'non-integer')
  FROM ( SELECT column1 AS value
           FROM VALUES(1.0), (1.1), (-3.1415), (-5.000), (NULL) )
  ORDER BY value DESC;
-- expect:
-- VALUE|IFF(VALUE::INT = VALUE, 'INTEGER', 'NON-INTEGER')
-- NULL|non-integer
-- 1.1000|non-integer
-- 1.0000|integer
-- -3.1415|non-integer
-- -5.0000|integer
-- end

-- name: iff-high-low-values-no-alias
-- source: https://docs.snowflake.com/en/sql-reference/functions/iff
-- note: unordered (no ORDER BY; rows listed as the docs print them). The derived table over FROM VALUES has no alias. Header copied exactly as printed.
SELECT value, IFF(value > 50, 'High', 'Low')
FROM ( SELECT column1 AS value
         FROM VALUES(22), (63), (5), (99), (NULL) );
-- expect:
-- VALUE|IFF(VALUE > 50, 'HIGH', 'LOW')
-- 22|Low
-- 63|High
-- 5|Low
-- 99|High
-- NULL|Low
-- end

-- name: date-trunc-date-parts
-- source: https://docs.snowflake.com/en/sql-reference/functions/date_trunc
-- note: 'week' truncation assumes WEEK_START = 0 (default, week starts Monday)
CREATE OR REPLACE TABLE test_date_trunc (
 mydate DATE,
 mytime TIME,
 mytimestamp TIMESTAMP);
INSERT INTO test_date_trunc VALUES (
  '2024-05-09',
  '08:50:48',
  '2024-05-09 08:50:57.891 -0700');
SELECT mydate AS "DATE",
       DATE_TRUNC('year', mydate) AS "TRUNCATED TO YEAR",
       DATE_TRUNC('month', mydate) AS "TRUNCATED TO MONTH",
       DATE_TRUNC('week', mydate) AS "TRUNCATED TO WEEK",
       DATE_TRUNC('day', mydate) AS "TRUNCATED TO DAY"
  FROM test_date_trunc;
-- expect:
-- DATE|TRUNCATED TO YEAR|TRUNCATED TO MONTH|TRUNCATED TO WEEK|TRUNCATED TO DAY
-- 2024-05-09|2024-01-01|2024-05-01|2024-05-06|2024-05-09
-- end

-- name: date-trunc-timestamp-parts
-- source: https://docs.snowflake.com/en/sql-reference/functions/date_trunc
-- note: the column is TIMESTAMP (NTZ by default), so the -0700 offset in the inserted literal is dropped
CREATE OR REPLACE TABLE test_date_trunc (
 mydate DATE,
 mytime TIME,
 mytimestamp TIMESTAMP);
INSERT INTO test_date_trunc VALUES (
  '2024-05-09',
  '08:50:48',
  '2024-05-09 08:50:57.891 -0700');
SELECT mytimestamp AS "TIMESTAMP",
       DATE_TRUNC('hour', mytimestamp) AS "TRUNCATED TO HOUR",
       DATE_TRUNC('minute', mytimestamp) AS "TRUNCATED TO MINUTE",
       DATE_TRUNC('second', mytimestamp) AS "TRUNCATED TO SECOND"
  FROM test_date_trunc;
-- expect:
-- TIMESTAMP|TRUNCATED TO HOUR|TRUNCATED TO MINUTE|TRUNCATED TO SECOND
-- 2024-05-09 08:50:57.891|2024-05-09 08:00:00.000|2024-05-09 08:50:00.000|2024-05-09 08:50:57.000
-- end

-- name: date-trunc-quarter-vs-extract
-- source: https://docs.snowflake.com/en/sql-reference/functions/date_trunc
CREATE OR REPLACE TABLE test_date_trunc (
 mydate DATE,
 mytime TIME,
 mytimestamp TIMESTAMP);
INSERT INTO test_date_trunc VALUES (
  '2024-05-09',
  '08:50:48',
  '2024-05-09 08:50:57.891 -0700');
SELECT DATE_TRUNC('quarter', mytimestamp) AS "TRUNCATED",
       EXTRACT('quarter', mytimestamp) AS "EXTRACTED"
  FROM test_date_trunc;
-- expect:
-- TRUNCATED|EXTRACTED
-- 2024-04-01 00:00:00.000|2
-- end

-- name: to-date-from-timestamp
-- source: https://docs.snowflake.com/en/sql-reference/functions/to_date
CREATE OR REPLACE TABLE date_from_timestamp(ts TIMESTAMP);
INSERT INTO date_from_timestamp(ts)
  VALUES (TO_TIMESTAMP('2024.10.02 04:00:00', 'YYYY.MM.DD HH:MI:SS'));
SELECT TO_DATE(ts) FROM date_from_timestamp;
-- expect:
-- TO_DATE(TS)
-- 2024-10-02
-- end

-- name: to-date-with-format
-- source: https://docs.snowflake.com/en/sql-reference/functions/to_date
SELECT TO_DATE('2024.05.10', 'YYYY.MM.DD'), DATE('2024.05.10', 'YYYY.MM.DD');
-- expect:
-- TO_DATE('2024.05.10', 'YYYY.MM.DD')|DATE('2024.05.10', 'YYYY.MM.DD')
-- 2024-05-10|2024-05-10
-- end

-- name: to-timestamp-tz-session-timezone
-- source: https://docs.snowflake.com/en/sql-reference/functions/to_timestamp
-- note: assumes the default TIMESTAMP_TZ/TIMESTAMP output format (YYYY-MM-DD HH24:MI:SS.FF3 TZHTZM)
ALTER SESSION SET TIMEZONE = 'America/Los_Angeles';
SELECT TO_TIMESTAMP_TZ('2024-04-05 01:02:03');
-- expect:
-- TO_TIMESTAMP_TZ('2024-04-05 01:02:03')
-- 2024-04-05 01:02:03.000 -0700
-- end

-- name: to-timestamp-tz-format-day-month
-- source: https://docs.snowflake.com/en/sql-reference/functions/to_timestamp
-- note: the docs' session has TIMEZONE = 'America/Los_Angeles' (set earlier on the page) and the default output format. Header copied exactly as printed (format string shown upper-cased).
ALTER SESSION SET TIMEZONE = 'America/Los_Angeles';
SELECT TO_TIMESTAMP_TZ('04/05/2024 01:02:03', 'dd/mm/yyyy hh24:mi:ss');
-- expect:
-- TO_TIMESTAMP_TZ('04/05/2024 01:02:03', 'DD/MM/YYYY HH24:MI:SS')
-- 2024-05-04 01:02:03.000 -0700
-- end

-- name: to-timestamp-numeric-scale
-- source: https://docs.snowflake.com/en/sql-reference/functions/to_timestamp
-- note: on the page this query follows ALTER SESSION SET TIMESTAMP_OUTPUT_FORMAT = 'YYYY-MM-DD HH24:MI:SS.FF9 TZH:TZM', yet the printed result uses the default 3-digit format; that ALTER is omitted here so the expect matches the printed output.
SELECT TO_TIMESTAMP(1000000000, 0) AS "Scale in seconds",
       TO_TIMESTAMP(1000000000, 3) AS "Scale in milliseconds",
       TO_TIMESTAMP(1000000000, 6) AS "Scale in microseconds",
       TO_TIMESTAMP(1000000000, 9) AS "Scale in nanoseconds";
-- expect:
-- Scale in seconds|Scale in milliseconds|Scale in microseconds|Scale in nanoseconds
-- 2001-09-09 01:46:40.000|1970-01-12 13:46:40.000|1970-01-01 00:16:40.000|1970-01-01 00:00:01.000
-- end

-- name: to-timestamp-string-integer-magnitude
-- source: https://docs.snowflake.com/en/sql-reference/functions/to_timestamp
CREATE OR REPLACE TABLE demo1 (
  description VARCHAR,
  value VARCHAR
);
INSERT INTO demo1 (description, value) VALUES
  ('Seconds',      '31536000'),
  ('Milliseconds', '31536000000'),
  ('Microseconds', '31536000000000'),
  ('Nanoseconds',  '31536000000000000');
SELECT description,
       value,
       TO_TIMESTAMP(value),
       TO_DATE(value)
  FROM demo1
  ORDER BY value;
-- expect:
-- DESCRIPTION|VALUE|TO_TIMESTAMP(VALUE)|TO_DATE(VALUE)
-- Seconds|31536000|1971-01-01 00:00:00.000|1971-01-01
-- Milliseconds|31536000000|1971-01-01 00:00:00.000|1971-01-01
-- Microseconds|31536000000000|1971-01-01 00:00:00.000|1971-01-01
-- Nanoseconds|31536000000000000|1971-01-01 00:00:00.000|1971-01-01
-- end

-- name: nvl-two-columns
-- source: https://docs.snowflake.com/en/sql-reference/functions/nvl
CREATE TABLE IF NOT EXISTS suppliers (
  supplier_id INT PRIMARY KEY,
  supplier_name VARCHAR(30),
  phone_region_1 VARCHAR(15),
  phone_region_2 VARCHAR(15));
INSERT INTO suppliers(supplier_id, supplier_name, phone_region_1, phone_region_2)
  VALUES(1, 'Company_ABC', NULL, '555-01111'),
        (2, 'Company_DEF', '555-01222', NULL),
        (3, 'Company_HIJ', '555-01333', '555-01444'),
        (4, 'Company_KLM', NULL, NULL);
SELECT supplier_id,
       supplier_name,
       phone_region_1,
       phone_region_2,
       NVL(phone_region_1, phone_region_2) IF_REGION_1_NULL,
       NVL(phone_region_2, phone_region_1) IF_REGION_2_NULL
  FROM suppliers
  ORDER BY supplier_id;
-- expect:
-- SUPPLIER_ID|SUPPLIER_NAME|PHONE_REGION_1|PHONE_REGION_2|IF_REGION_1_NULL|IF_REGION_2_NULL
-- 1|Company_ABC|NULL|555-01111|555-01111|555-01111
-- 2|Company_DEF|555-01222|NULL|555-01222|555-01222
-- 3|Company_HIJ|555-01333|555-01444|555-01333|555-01444
-- 4|Company_KLM|NULL|NULL|NULL|NULL
-- end

-- name: coalesce-three-columns
-- source: https://docs.snowflake.com/en/sql-reference/functions/coalesce
-- note: unordered (no ORDER BY; rows listed as the docs print them)
SELECT column1,
       column2,
       column3,
       COALESCE(column1, column2, column3) AS coalesce_result
  FROM (values
    (1,    2,    3   ),
    (null, 2,    3   ),
    (null, null, 3   ),
    (null, null, null),
    (1,    null, 3   ),
    (1,    null, null),
    (1,    2,    null)
  ) v;
-- expect:
-- COLUMN1|COLUMN2|COLUMN3|COALESCE_RESULT
-- 1|2|3|1
-- NULL|2|3|2
-- NULL|NULL|3|3
-- NULL|NULL|NULL|NULL
-- 1|NULL|3|1
-- 1|NULL|NULL|1
-- 1|2|NULL|1
-- end

-- name: zeroifnull-values
-- source: https://docs.snowflake.com/en/sql-reference/functions/zeroifnull
-- note: unordered (no ORDER BY; rows listed as the docs print them)
SELECT column1, ZEROIFNULL(column1)
    FROM VALUES (1), (null), (5), (0), (3.14159);
-- expect:
-- COLUMN1|ZEROIFNULL(COLUMN1)
-- 1.00000|1.00000
-- NULL|0.00000
-- 5.00000|5.00000
-- 0.00000|0.00000
-- 3.14159|3.14159
-- end

-- name: div0-by-zero
-- source: https://docs.snowflake.com/en/sql-reference/functions/div0
SELECT DIV0(1, 0);
-- expect:
-- DIV0(1, 0)
-- 0.000000
-- end

-- name: div0-by-two
-- source: https://docs.snowflake.com/en/sql-reference/functions/div0
SELECT DIV0(1, 2);
-- expect:
-- DIV0(1, 2)
-- 0.500000
-- end

-- name: division-by-zero-error
-- source: https://docs.snowflake.com/en/sql-reference/functions/div0
select 1/0;
-- expect-error: 100051 (22012): Division by zero
-- end

-- name: qualify-row-number
-- source: https://docs.snowflake.com/en/sql-reference/constructs/qualify
-- note: unordered (no ORDER BY). CREATE TABLE changed to CREATE OR REPLACE TABLE.
CREATE OR REPLACE TABLE qt (i INTEGER, p CHAR(1), o INTEGER);
INSERT INTO qt (i, p, o) VALUES
  (1, 'A', 1),
  (2, 'A', 2),
  (3, 'B', 1),
  (4, 'B', 2);
SELECT i, p, o
  FROM qt
  QUALIFY ROW_NUMBER() OVER (PARTITION BY p ORDER BY o) = 1;
-- expect:
-- I|P|O
-- 1|A|1
-- 3|B|1
-- end

-- name: qualify-select-alias
-- source: https://docs.snowflake.com/en/sql-reference/constructs/qualify
-- note: unordered (no ORDER BY). CREATE TABLE changed to CREATE OR REPLACE TABLE.
CREATE OR REPLACE TABLE qt (i INTEGER, p CHAR(1), o INTEGER);
INSERT INTO qt (i, p, o) VALUES
  (1, 'A', 1),
  (2, 'A', 2),
  (3, 'B', 1),
  (4, 'B', 2);
SELECT i, p, o, ROW_NUMBER() OVER (PARTITION BY p ORDER BY o) AS row_num
  FROM qt
  QUALIFY row_num = 1;
-- expect:
-- I|P|O|ROW_NUM
-- 1|A|1|1
-- 3|B|1|1
-- end

-- name: convert-timezone-3arg-la-to-ny
-- source: https://docs.snowflake.com/en/sql-reference/functions/convert_timezone
ALTER SESSION UNSET TIMESTAMP_OUTPUT_FORMAT;
SELECT CONVERT_TIMEZONE(
  'America/Los_Angeles',
  'America/New_York',
  '2024-01-01 14:00:00'::TIMESTAMP_NTZ
) AS conv;
-- expect:
-- CONV
-- 2024-01-01 17:00:00.000
-- end

-- name: convert-timezone-2arg-offset-string
-- source: https://docs.snowflake.com/en/sql-reference/functions/convert_timezone
ALTER SESSION UNSET TIMESTAMP_OUTPUT_FORMAT;
SELECT CONVERT_TIMEZONE(
  'America/Los_Angeles',
  '2024-04-05 12:00:00 +02:00'
) AS time_in_la;
-- expect:
-- TIME_IN_LA
-- 2024-04-05 03:00:00.000 -0700
-- end

-- name: convert-timezone-ltz-to-utc
-- source: https://docs.snowflake.com/en/sql-reference/functions/convert_timezone
ALTER SESSION UNSET TIMESTAMP_OUTPUT_FORMAT;
ALTER SESSION SET TIMEZONE = 'America/Los_Angeles';
SELECT CONVERT_TIMEZONE('UTC', '2024-04-05 09:00:00'::TIMESTAMP_LTZ) AS ltz_in_utc;
-- expect:
-- LTZ_IN_UTC
-- 2024-04-05 16:00:00.000 +0000
-- end

-- name: convert-timezone-ntz-to-utc
-- source: https://docs.snowflake.com/en/sql-reference/functions/convert_timezone
ALTER SESSION UNSET TIMESTAMP_OUTPUT_FORMAT;
ALTER SESSION SET TIMEZONE = 'America/Los_Angeles';
SELECT CONVERT_TIMEZONE('UTC', '2024-04-05 12:00:00'::TIMESTAMP_NTZ) AS ntz_in_utc;
-- expect:
-- NTZ_IN_UTC
-- 2024-04-05 19:00:00.000 +0000
-- end

-- name: convert-timezone-date-to-utc
-- source: https://docs.snowflake.com/en/sql-reference/functions/convert_timezone
ALTER SESSION UNSET TIMESTAMP_OUTPUT_FORMAT;
ALTER SESSION SET TIMEZONE = 'America/Los_Angeles';
SELECT CONVERT_TIMEZONE('UTC', '2024-04-05'::DATE) AS date_in_utc;
-- expect:
-- DATE_IN_UTC
-- 2024-04-05 07:00:00.000 +0000
-- end

-- name: timestamp-ltz-session-la
-- source: https://docs.snowflake.com/en/sql-reference/data-types-datetime
-- note: unordered (no ORDER BY; rows listed as the docs print them)
CREATE OR REPLACE TABLE ts_test(ts TIMESTAMP_LTZ);
ALTER SESSION SET TIMEZONE = 'America/Los_Angeles';
INSERT INTO ts_test VALUES('2024-01-01 16:00:00');
INSERT INTO ts_test VALUES('2024-01-02 16:00:00 +00:00');
SELECT ts, HOUR(ts) FROM ts_test;
-- expect:
-- TS|HOUR(TS)
-- 2024-01-01 16:00:00.000 -0800|16
-- 2024-01-02 08:00:00.000 -0800|8
-- end

-- name: timestamp-ltz-session-changed-to-ny
-- source: https://docs.snowflake.com/en/sql-reference/data-types-datetime
-- note: unordered (no ORDER BY; rows listed as the docs print them)
CREATE OR REPLACE TABLE ts_test(ts TIMESTAMP_LTZ);
ALTER SESSION SET TIMEZONE = 'America/Los_Angeles';
INSERT INTO ts_test VALUES('2024-01-01 16:00:00');
INSERT INTO ts_test VALUES('2024-01-02 16:00:00 +00:00');
ALTER SESSION SET TIMEZONE = 'America/New_York';
SELECT ts, HOUR(ts) FROM ts_test;
-- expect:
-- TS|HOUR(TS)
-- 2024-01-01 19:00:00.000 -0500|19
-- 2024-01-02 11:00:00.000 -0500|11
-- end

-- name: timestamp-ntz-ignores-offset-and-session
-- source: https://docs.snowflake.com/en/sql-reference/data-types-datetime
-- note: unordered (no ORDER BY; rows listed as the docs print them)
CREATE OR REPLACE TABLE ts_test(ts TIMESTAMP_NTZ);
ALTER SESSION SET TIMEZONE = 'America/Los_Angeles';
INSERT INTO ts_test VALUES('2024-01-01 16:00:00');
INSERT INTO ts_test VALUES('2024-01-02 16:00:00 +00:00');
ALTER SESSION SET TIMEZONE = 'America/New_York';
SELECT ts, HOUR(ts) FROM ts_test;
-- expect:
-- TS|HOUR(TS)
-- 2024-01-01 16:00:00.000|16
-- 2024-01-02 16:00:00.000|16
-- end

-- name: timestamp-tz-keeps-offset
-- source: https://docs.snowflake.com/en/sql-reference/data-types-datetime
-- note: unordered (no ORDER BY; rows listed as the docs print them). The docs print the same result before and after switching the session to America/New_York.
CREATE OR REPLACE TABLE ts_test(ts TIMESTAMP_TZ);
ALTER SESSION SET TIMEZONE = 'America/Los_Angeles';
INSERT INTO ts_test VALUES('2024-01-01 16:00:00');
INSERT INTO ts_test VALUES('2024-01-02 16:00:00 +00:00');
ALTER SESSION SET TIMEZONE = 'America/New_York';
SELECT ts, HOUR(ts) FROM ts_test;
-- expect:
-- TS|HOUR(TS)
-- 2024-01-01 16:00:00.000 -0800|16
-- 2024-01-02 16:00:00.000 +0000|16
-- end

-- name: timestamp-tz-dateadd-keeps-offset
-- source: https://docs.snowflake.com/en/sql-reference/data-types-datetime
-- note: the docs' example assumes TIMEZONE = 'America/Los_Angeles' (the cast picks up -0800 in January; DATEADD keeps -0800 in July)
ALTER SESSION SET TIMEZONE = 'America/Los_Angeles';
SELECT DATEADD(MONTH, 6, '2024-01-01 12:00:00'::TIMESTAMP_TZ);
-- expect:
-- DATEADD(MONTH, 6, '2024-01-01 12:00:00'::TIMESTAMP_TZ)
-- 2024-07-01 12:00:00.000 -0800
-- end

-- name: interval-order-day-then-year
-- source: https://docs.snowflake.com/en/sql-reference/data-types-datetime
SELECT TO_DATE ('2019-02-28') + INTERVAL '1 day, 1 year';
-- expect:
-- TO_DATE ('2019-02-28') + INTERVAL '1 DAY, 1 YEAR'
-- 2020-03-01
-- end

-- name: sequence-nextval-first
-- source: https://docs.snowflake.com/en/sql-reference/sql/create-sequence
CREATE OR REPLACE SEQUENCE seq_01 START = 1 INCREMENT = 1;
CREATE OR REPLACE TABLE sequence_test_table (i INTEGER);
SELECT seq_01.nextval;
-- expect:
-- NEXTVAL
-- 1
-- end

-- name: sequence-nextval-into-insert
-- source: https://docs.snowflake.com/en/sql-reference/sql/create-sequence
CREATE OR REPLACE SEQUENCE seq_01 START = 1 INCREMENT = 1;
CREATE OR REPLACE TABLE sequence_test_table (i INTEGER);
SELECT seq_01.nextval;
SELECT seq_01.nextval;
INSERT INTO sequence_test_table (i) VALUES (seq_01.nextval);
SELECT i FROM sequence_test_table;
-- expect:
-- I
-- 3
-- end

-- name: sequence-increment-5-multiple-nextval
-- source: https://docs.snowflake.com/en/sql-reference/sql/create-sequence
CREATE OR REPLACE SEQUENCE seq_5 START = 1 INCREMENT = 5;
SELECT seq_5.nextval a, seq_5.nextval b, seq_5.nextval c, seq_5.nextval d;
-- expect:
-- A|B|C|D
-- 1|6|11|16
-- end

-- name: sequence-column-default-distinct
-- source: https://docs.snowflake.com/en/sql-reference/sql/create-sequence
-- note: the docs' inline comment line ("-- Keep doubling the number of rows:") is dropped
CREATE OR REPLACE SEQUENCE seq90;
CREATE OR REPLACE TABLE sequence_demo (i INTEGER DEFAULT seq90.nextval, dummy SMALLINT);
INSERT INTO sequence_demo (dummy) VALUES (0);
INSERT INTO sequence_demo (dummy) SELECT dummy FROM sequence_demo;
INSERT INTO sequence_demo (dummy) SELECT dummy FROM sequence_demo;
INSERT INTO sequence_demo (dummy) SELECT dummy FROM sequence_demo;
INSERT INTO sequence_demo (dummy) SELECT dummy FROM sequence_demo;
INSERT INTO sequence_demo (dummy) SELECT dummy FROM sequence_demo;
INSERT INTO sequence_demo (dummy) SELECT dummy FROM sequence_demo;
INSERT INTO sequence_demo (dummy) SELECT dummy FROM sequence_demo;
INSERT INTO sequence_demo (dummy) SELECT dummy FROM sequence_demo;
INSERT INTO sequence_demo (dummy) SELECT dummy FROM sequence_demo;
INSERT INTO sequence_demo (dummy) SELECT dummy FROM sequence_demo;
SELECT COUNT(i), COUNT(DISTINCT i) FROM sequence_demo;
-- expect:
-- COUNT(I)|COUNT(DISTINCT I)
-- 1024|1024
-- end

-- name: sequence-default-nextval-and-explicit-default
-- source: https://docs.snowflake.com/en/user-guide/querying-sequences
-- note: unordered (no ORDER BY; rows listed as the docs print them). The docs' inline comment lines are dropped. The docs stress sequences may have gaps; this is the printed result.
CREATE OR REPLACE SEQUENCE seq1;
CREATE OR REPLACE TABLE foo (k NUMBER DEFAULT seq1.NEXTVAL, v NUMBER);
INSERT INTO foo (v) VALUES (100);
INSERT INTO foo VALUES (DEFAULT, 101);
INSERT INTO foo (v) SELECT v FROM foo;
INSERT INTO foo VALUES (1000, 1001);
SELECT * FROM foo;
-- expect:
-- K|V
-- 1|100
-- 2|101
-- 3|100
-- 4|101
-- 1000|1001
-- end

-- name: sequence-alter-increment-takes-effect-late
-- source: https://docs.snowflake.com/en/user-guide/querying-sequences
-- note: documents pre-calculation: the first value after ALTER SEQUENCE ... SET INCREMENT is still 4, the next is 0
CREATE OR REPLACE SEQUENCE test_sequence_wraparound_low
   START = 1
   INCREMENT = 1
   ;
CREATE or replace TABLE test_seq_wrap_low (
    i int,
    j int default test_sequence_wraparound_low.nextval
    );
INSERT INTO test_seq_wrap_low (i) VALUES
     (1),
     (2),
     (3);
ALTER SEQUENCE test_sequence_wraparound_low SET INCREMENT = -4;
INSERT INTO test_seq_wrap_low (i) VALUES
    (4),
    (5);
SELECT * FROM test_seq_wrap_low ORDER BY i;
-- expect:
-- I|J
-- 1|1
-- 2|2
-- 3|3
-- 4|4
-- 5|0
-- end

-- name: information-schema-columns-column-list
-- source: https://docs.snowflake.com/en/sql-reference/info-schema/columns
-- note: header-only = the documented column list of the COLUMNS view (the docs print no result). The docs' USE DATABASE mydb is omitted. 'myTable' does not match an unquoted (upper-cased) table name, so zero rows is also the expected row set.
SELECT *
    FROM INFORMATION_SCHEMA.COLUMNS WHERE table_name = 'myTable';
-- expect:
-- TABLE_CATALOG|TABLE_SCHEMA|TABLE_NAME|COLUMN_NAME|ORDINAL_POSITION|COLUMN_DEFAULT|IS_NULLABLE|DATA_TYPE|CHARACTER_MAXIMUM_LENGTH|CHARACTER_OCTET_LENGTH|NUMERIC_PRECISION|NUMERIC_PRECISION_RADIX|NUMERIC_SCALE|DATETIME_PRECISION|INTERVAL_TYPE|INTERVAL_PRECISION|CHARACTER_SET_CATALOG|CHARACTER_SET_SCHEMA|CHARACTER_SET_NAME|COLLATION_CATALOG|COLLATION_SCHEMA|COLLATION_NAME|DOMAIN_CATALOG|DOMAIN_SCHEMA|DOMAIN_NAME|UDT_CATALOG|UDT_SCHEMA|UDT_NAME|SCOPE_CATALOG|SCOPE_SCHEMA|SCOPE_NAME|MAXIMUM_CARDINALITY|DTD_IDENTIFIER|IS_SELF_REFERENCING|IS_IDENTITY|IDENTITY_GENERATION|IDENTITY_START|IDENTITY_INCREMENT|IDENTITY_MAXIMUM|IDENTITY_MINIMUM|IDENTITY_CYCLE|IDENTITY_ORDERED|SCHEMA_EVOLUTION_RECORD|COMMENT|DATA_TYPE_ALIAS|EXPRESSION|KIND
-- end
