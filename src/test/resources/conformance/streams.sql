-- name: stream-basic-inserts-recorded
-- source: https://docs.snowflake.com/en/user-guide/streams-examples
-- note: query lists the columns instead of SELECT *; the METADATA$ROW_ID column is left out (the docs print illustrative hash values)
-- note: unordered
CREATE OR REPLACE TABLE members (
  id number(8) NOT NULL,
  name varchar(255) default NULL,
  fee number(3) NULL
);
CREATE OR REPLACE STREAM member_check ON TABLE members;
CREATE OR REPLACE TABLE signup (
  id number(8),
  dt DATE
  );
INSERT INTO members (id,name,fee)
VALUES
(1,'Joe',0),
(2,'Jane',0),
(3,'George',0),
(4,'Betty',0),
(5,'Sally',0);
INSERT INTO signup
VALUES
(1,'2018-01-01'),
(2,'2018-02-15'),
(3,'2018-05-01'),
(4,'2018-07-16'),
(5,'2018-08-21');
SELECT id, name, fee, METADATA$ACTION, METADATA$ISUPDATE FROM member_check;
-- expect:
-- ID|NAME|FEE|METADATA$ACTION|METADATA$ISUPDATE
-- 1|Joe|0|INSERT|False
-- 2|Jane|0|INSERT|False
-- 3|George|0|INSERT|False
-- 4|Betty|0|INSERT|False
-- 5|Sally|0|INSERT|False
-- end

-- name: stream-insert-then-update-before-consume-is-plain-insert
-- source: https://docs.snowflake.com/en/user-guide/streams-examples
-- note: query lists the columns instead of SELECT *; METADATA$ROW_ID left out
-- note: docs comment: "The stream records the updated FEE column as a set of inserts rather than deletes and inserts because the stream contents have not been consumed yet"
-- note: unordered
CREATE OR REPLACE TABLE members (
  id number(8) NOT NULL,
  name varchar(255) default NULL,
  fee number(3) NULL
);
CREATE OR REPLACE STREAM member_check ON TABLE members;
CREATE OR REPLACE TABLE signup (
  id number(8),
  dt DATE
  );
INSERT INTO members (id,name,fee)
VALUES
(1,'Joe',0),
(2,'Jane',0),
(3,'George',0),
(4,'Betty',0),
(5,'Sally',0);
INSERT INTO signup
VALUES
(1,'2018-01-01'),
(2,'2018-02-15'),
(3,'2018-05-01'),
(4,'2018-07-16'),
(5,'2018-08-21');
MERGE INTO members m
  USING (
    SELECT id, dt
    FROM signup s
    WHERE DATEDIFF(day, '2018-08-15'::date, s.dt::DATE) < -30) s
    ON m.id = s.id
  WHEN MATCHED THEN UPDATE SET m.fee = 90;
SELECT id, name, fee, METADATA$ACTION, METADATA$ISUPDATE FROM member_check;
-- expect:
-- ID|NAME|FEE|METADATA$ACTION|METADATA$ISUPDATE
-- 1|Joe|90|INSERT|False
-- 2|Jane|90|INSERT|False
-- 3|George|90|INSERT|False
-- 4|Betty|0|INSERT|False
-- 5|Sally|0|INSERT|False
-- end

-- name: stream-empty-after-insert-select-consumes-it
-- source: https://docs.snowflake.com/en/user-guide/streams-examples
-- note: docs comment: "The stream position is advanced"
CREATE OR REPLACE TABLE members (
  id number(8) NOT NULL,
  name varchar(255) default NULL,
  fee number(3) NULL
);
CREATE OR REPLACE STREAM member_check ON TABLE members;
CREATE OR REPLACE TABLE signup (
  id number(8),
  dt DATE
  );
INSERT INTO members (id,name,fee)
VALUES
(1,'Joe',0),
(2,'Jane',0),
(3,'George',0),
(4,'Betty',0),
(5,'Sally',0);
INSERT INTO signup
VALUES
(1,'2018-01-01'),
(2,'2018-02-15'),
(3,'2018-05-01'),
(4,'2018-07-16'),
(5,'2018-08-21');
MERGE INTO members m
  USING (
    SELECT id, dt
    FROM signup s
    WHERE DATEDIFF(day, '2018-08-15'::date, s.dt::DATE) < -30) s
    ON m.id = s.id
  WHEN MATCHED THEN UPDATE SET m.fee = 90;
CREATE OR REPLACE TABLE members_prod (
  id number(8) NOT NULL,
  name varchar(255) default NULL,
  fee number(3) NULL
);
INSERT INTO members_prod(id,name,fee) SELECT id, name, fee FROM member_check WHERE METADATA$ACTION = 'INSERT';
select * from member_check;
-- expect:
-- ID|NAME|FEE|METADATA$ACTION|METADATA$ISUPDATE|METADATA$ROW_ID
-- end

-- name: stream-update-in-explicit-transaction-row-count
-- source: https://docs.snowflake.com/en/user-guide/streams-examples
-- note: the case ends inside the open transaction started by BEGIN (the docs commit later); the UPDATE's own result is the checked output
CREATE OR REPLACE TABLE members (
  id number(8) NOT NULL,
  name varchar(255) default NULL,
  fee number(3) NULL
);
CREATE OR REPLACE STREAM member_check ON TABLE members;
CREATE OR REPLACE TABLE signup (
  id number(8),
  dt DATE
  );
INSERT INTO members (id,name,fee)
VALUES
(1,'Joe',0),
(2,'Jane',0),
(3,'George',0),
(4,'Betty',0),
(5,'Sally',0);
INSERT INTO signup
VALUES
(1,'2018-01-01'),
(2,'2018-02-15'),
(3,'2018-05-01'),
(4,'2018-07-16'),
(5,'2018-08-21');
MERGE INTO members m
  USING (
    SELECT id, dt
    FROM signup s
    WHERE DATEDIFF(day, '2018-08-15'::date, s.dt::DATE) < -30) s
    ON m.id = s.id
  WHEN MATCHED THEN UPDATE SET m.fee = 90;
CREATE OR REPLACE TABLE members_prod (
  id number(8) NOT NULL,
  name varchar(255) default NULL,
  fee number(3) NULL
);
INSERT INTO members_prod(id,name,fee) SELECT id, name, fee FROM member_check WHERE METADATA$ACTION = 'INSERT';
BEGIN;
UPDATE members SET fee = fee + 15 where fee > 0;
-- expect:
-- number of rows updated|number of multi-joined rows updated
-- 3|0
-- end

-- name: stream-repeatable-read-own-uncommitted-update-not-visible
-- source: https://docs.snowflake.com/en/user-guide/streams-examples
-- note: docs comment: "These changes are not visible because the change interval of the stream object starts at the current offset and ends at the current transactional time point, which is the beginning time of the transaction"
-- note: the case ends inside the open transaction started by BEGIN (the docs COMMIT afterwards)
CREATE OR REPLACE TABLE members (
  id number(8) NOT NULL,
  name varchar(255) default NULL,
  fee number(3) NULL
);
CREATE OR REPLACE STREAM member_check ON TABLE members;
CREATE OR REPLACE TABLE signup (
  id number(8),
  dt DATE
  );
INSERT INTO members (id,name,fee)
VALUES
(1,'Joe',0),
(2,'Jane',0),
(3,'George',0),
(4,'Betty',0),
(5,'Sally',0);
INSERT INTO signup
VALUES
(1,'2018-01-01'),
(2,'2018-02-15'),
(3,'2018-05-01'),
(4,'2018-07-16'),
(5,'2018-08-21');
MERGE INTO members m
  USING (
    SELECT id, dt
    FROM signup s
    WHERE DATEDIFF(day, '2018-08-15'::date, s.dt::DATE) < -30) s
    ON m.id = s.id
  WHEN MATCHED THEN UPDATE SET m.fee = 90;
CREATE OR REPLACE TABLE members_prod (
  id number(8) NOT NULL,
  name varchar(255) default NULL,
  fee number(3) NULL
);
INSERT INTO members_prod(id,name,fee) SELECT id, name, fee FROM member_check WHERE METADATA$ACTION = 'INSERT';
BEGIN;
UPDATE members SET fee = fee + 15 where fee > 0;
SELECT * FROM member_check;
-- expect:
-- ID|NAME|FEE|METADATA$ACTION|METADATA$ISUPDATE|METADATA$ROW_ID
-- end

-- name: stream-update-after-commit-is-delete-insert-pair
-- source: https://docs.snowflake.com/en/user-guide/streams-examples
-- note: query lists the columns instead of SELECT *; METADATA$ROW_ID left out (the docs print made-up ids, but each DELETE row shows the same id as the INSERT row of the same member)
-- note: unordered
CREATE OR REPLACE TABLE members (
  id number(8) NOT NULL,
  name varchar(255) default NULL,
  fee number(3) NULL
);
CREATE OR REPLACE STREAM member_check ON TABLE members;
CREATE OR REPLACE TABLE signup (
  id number(8),
  dt DATE
  );
INSERT INTO members (id,name,fee)
VALUES
(1,'Joe',0),
(2,'Jane',0),
(3,'George',0),
(4,'Betty',0),
(5,'Sally',0);
INSERT INTO signup
VALUES
(1,'2018-01-01'),
(2,'2018-02-15'),
(3,'2018-05-01'),
(4,'2018-07-16'),
(5,'2018-08-21');
MERGE INTO members m
  USING (
    SELECT id, dt
    FROM signup s
    WHERE DATEDIFF(day, '2018-08-15'::date, s.dt::DATE) < -30) s
    ON m.id = s.id
  WHEN MATCHED THEN UPDATE SET m.fee = 90;
CREATE OR REPLACE TABLE members_prod (
  id number(8) NOT NULL,
  name varchar(255) default NULL,
  fee number(3) NULL
);
INSERT INTO members_prod(id,name,fee) SELECT id, name, fee FROM member_check WHERE METADATA$ACTION = 'INSERT';
BEGIN;
UPDATE members SET fee = fee + 15 where fee > 0;
SELECT * FROM member_check;
COMMIT;
SELECT id, name, fee, METADATA$ACTION, METADATA$ISUPDATE FROM member_check;
-- expect:
-- ID|NAME|FEE|METADATA$ACTION|METADATA$ISUPDATE
-- 1|Joe|105|INSERT|True
-- 2|Jane|105|INSERT|True
-- 3|George|105|INSERT|True
-- 1|Joe|90|DELETE|True
-- 2|Jane|90|DELETE|True
-- 3|George|90|DELETE|True
-- end

-- name: stream-standard-insert-then-delete-drops-row
-- source: https://docs.snowflake.com/en/user-guide/streams-examples
-- note: query lists the columns instead of SELECT *; METADATA$ROW_ID left out
create or replace table t(id int, name string);
create or replace  stream delta_s on table t;
create or replace  stream append_only_s on table t append_only=true;
insert into t values (0, 'charlie brown');
insert into t values (1, 'lucy');
insert into t values (2, 'linus');
delete from t where id = '0';
select id, name, METADATA$ACTION, METADATA$ISUPDATE from delta_s order by id;
-- expect:
-- ID|NAME|METADATA$ACTION|METADATA$ISUPDATE
-- 1|lucy|INSERT|False
-- 2|linus|INSERT|False
-- end

-- name: stream-append-only-keeps-deleted-row
-- source: https://docs.snowflake.com/en/user-guide/streams-examples
-- note: query lists the columns instead of SELECT *; METADATA$ROW_ID left out
create or replace table t(id int, name string);
create or replace  stream delta_s on table t;
create or replace  stream append_only_s on table t append_only=true;
insert into t values (0, 'charlie brown');
insert into t values (1, 'lucy');
insert into t values (2, 'linus');
delete from t where id = '0';
select id, name, METADATA$ACTION, METADATA$ISUPDATE from append_only_s order by id;
-- expect:
-- ID|NAME|METADATA$ACTION|METADATA$ISUPDATE
-- 0|charlie brown|INSERT|False
-- 1|lucy|INSERT|False
-- 2|linus|INSERT|False
-- end

-- name: stream-row-id-same-across-two-streams-on-one-table
-- source: https://docs.snowflake.com/en/user-guide/streams-examples
-- note: derived, not printed as such: the docs print the same METADATA$ROW_ID values for lucy (7b12c9ee...) and linus (461cd468...) in delta_s and append_only_s; streams-intro also guarantees that two streams on the same table produce the same METADATA$ROW_IDs. The join query and its result are written from those printed values.
create or replace table t(id int, name string);
create or replace  stream delta_s on table t;
create or replace  stream append_only_s on table t append_only=true;
insert into t values (0, 'charlie brown');
insert into t values (1, 'lucy');
insert into t values (2, 'linus');
delete from t where id = '0';
select d.id, d.name from delta_s d join append_only_s a on d.METADATA$ROW_ID = a.METADATA$ROW_ID order by d.id;
-- expect:
-- ID|NAME
-- 1|lucy
-- 2|linus
-- end

-- name: stream-standard-records-update-pair-after-consume
-- source: https://docs.snowflake.com/en/user-guide/streams-examples
-- note: query lists the columns instead of SELECT *; METADATA$ROW_ID left out (the docs print the same id, 461cd468..., for both rows)
-- note: unordered (both rows have id 2, so ORDER BY id does not fix their order; the docs print INSERT first)
create or replace table t(id int, name string);
create or replace  stream delta_s on table t;
create or replace  stream append_only_s on table t append_only=true;
insert into t values (0, 'charlie brown');
insert into t values (1, 'lucy');
insert into t values (2, 'linus');
delete from t where id = '0';
create or replace  table t2(id int, name string, stream_type string default NULL);
insert into t2(id,name,stream_type) select id, name, 'delta stream' from delta_s;
insert into t2(id,name,stream_type) select id, name, 'append_only stream' from append_only_s;
update t set name = 'sally' where name = 'linus';
select id, name, METADATA$ACTION, METADATA$ISUPDATE from delta_s order by id;
-- expect:
-- ID|NAME|METADATA$ACTION|METADATA$ISUPDATE
-- 2|sally|INSERT|True
-- 2|linus|DELETE|True
-- end

-- name: stream-update-pair-shares-one-row-id
-- source: https://docs.snowflake.com/en/user-guide/streams-examples
-- note: derived, not printed as such: the docs print the update pair (INSERT sally / DELETE linus) with the same METADATA$ROW_ID 461cd468d8cc2b0bd11e1e3c0d5f1133ac763d39; the count query and its column aliases are written here
create or replace table t(id int, name string);
create or replace  stream delta_s on table t;
create or replace  stream append_only_s on table t append_only=true;
insert into t values (0, 'charlie brown');
insert into t values (1, 'lucy');
insert into t values (2, 'linus');
delete from t where id = '0';
create or replace  table t2(id int, name string, stream_type string default NULL);
insert into t2(id,name,stream_type) select id, name, 'delta stream' from delta_s;
insert into t2(id,name,stream_type) select id, name, 'append_only stream' from append_only_s;
update t set name = 'sally' where name = 'linus';
select count(*) as n_rows, count(distinct METADATA$ROW_ID) as n_row_ids from delta_s;
-- expect:
-- N_ROWS|N_ROW_IDS
-- 2|1
-- end

-- name: stream-append-only-ignores-update
-- source: https://docs.snowflake.com/en/user-guide/streams-examples
create or replace table t(id int, name string);
create or replace  stream delta_s on table t;
create or replace  stream append_only_s on table t append_only=true;
insert into t values (0, 'charlie brown');
insert into t values (1, 'lucy');
insert into t values (2, 'linus');
delete from t where id = '0';
create or replace  table t2(id int, name string, stream_type string default NULL);
insert into t2(id,name,stream_type) select id, name, 'delta stream' from delta_s;
insert into t2(id,name,stream_type) select id, name, 'append_only stream' from append_only_s;
update t set name = 'sally' where name = 'linus';
select * from append_only_s order by id;
-- expect:
-- ID|NAME|METADATA$ACTION|METADATA$ISUPDATE|METADATA$ROW_ID
-- end

-- name: stream-append-only-counts-inserted-rows-despite-deletes
-- source: https://docs.snowflake.com/en/user-guide/streams-intro
-- note: written from prose, not a printed example: "if 10 rows are initially inserted into a table, and then 5 of those rows are deleted before advancing the offset for an append-only stream, the stream would only record the 10 inserted rows" (CREATE STREAM page says the same). Table, stream, statements and the column alias are written here.
CREATE OR REPLACE TABLE ao_src (id INT);
CREATE OR REPLACE STREAM ao_s ON TABLE ao_src APPEND_ONLY = TRUE;
INSERT INTO ao_src VALUES (1), (2), (3), (4), (5), (6), (7), (8), (9), (10);
DELETE FROM ao_src WHERE id <= 5;
SELECT COUNT(*) AS n FROM ao_s;
-- expect:
-- N
-- 10
-- end

-- name: stream-two-inserts-in-one-transaction-see-same-rows-first-target
-- source: https://docs.snowflake.com/en/user-guide/streams-examples
-- note: the docs only say "Load JSON data into staging table using COPY statement, Snowpipe, or inserts" and print the loaded rows; the INSERT ... PARSE_JSON statement that loads those two documents is written here
-- note: the docs print TS without fractional seconds ("2018-08-14 20:57:01 -0700")
CREATE OR REPLACE TABLE data_staging (
  raw variant);
CREATE OR REPLACE STREAM data_check ON TABLE data_staging;
CREATE OR REPLACE TABLE data_prod1 (
    id number(8),
    ts TIMESTAMP_TZ
    );
CREATE OR REPLACE TABLE data_prod2 (
    id number(8),
    color VARCHAR,
    num NUMBER
    );
INSERT INTO data_staging
  SELECT PARSE_JSON(column1)
  FROM VALUES
  ('{"id": 7077, "x1": "2018-08-14T20:57:01-07:00", "x2": [{"y1": "green", "y2": "35"}]}'),
  ('{"id": 7078, "x1": "2018-08-14T21:07:26-07:00", "x2": [{"y1": "cyan", "y2": "107"}]}');
BEGIN;
INSERT INTO data_prod1 (id, ts)
SELECT t.raw:id, to_timestamp_tz(t.raw:x1)
FROM data_check t
WHERE METADATA$ACTION = 'INSERT';
INSERT INTO data_prod2 (id, color, num)
SELECT t.raw:id, f.value:y1, f.value:y2
FROM data_check t
, lateral flatten(input => raw:x2) f
WHERE METADATA$ACTION = 'INSERT';
COMMIT;
SELECT * FROM data_prod1;
-- expect:
-- ID|TS
-- 7077|2018-08-14 20:57:01 -0700
-- 7078|2018-08-14 21:07:26 -0700
-- end

-- name: stream-two-inserts-in-one-transaction-see-same-rows-second-target
-- source: https://docs.snowflake.com/en/user-guide/streams-examples
-- note: the INSERT ... PARSE_JSON statement that loads the staging rows is written here (the docs leave the load method open)
-- note: the second INSERT in the transaction still sees the stream rows that the first INSERT read
CREATE OR REPLACE TABLE data_staging (
  raw variant);
CREATE OR REPLACE STREAM data_check ON TABLE data_staging;
CREATE OR REPLACE TABLE data_prod1 (
    id number(8),
    ts TIMESTAMP_TZ
    );
CREATE OR REPLACE TABLE data_prod2 (
    id number(8),
    color VARCHAR,
    num NUMBER
    );
INSERT INTO data_staging
  SELECT PARSE_JSON(column1)
  FROM VALUES
  ('{"id": 7077, "x1": "2018-08-14T20:57:01-07:00", "x2": [{"y1": "green", "y2": "35"}]}'),
  ('{"id": 7078, "x1": "2018-08-14T21:07:26-07:00", "x2": [{"y1": "cyan", "y2": "107"}]}');
BEGIN;
INSERT INTO data_prod1 (id, ts)
SELECT t.raw:id, to_timestamp_tz(t.raw:x1)
FROM data_check t
WHERE METADATA$ACTION = 'INSERT';
INSERT INTO data_prod2 (id, color, num)
SELECT t.raw:id, f.value:y1, f.value:y2
FROM data_check t
, lateral flatten(input => raw:x2) f
WHERE METADATA$ACTION = 'INSERT';
COMMIT;
SELECT * FROM data_prod2;
-- expect:
-- ID|COLOR|NUM
-- 7077|green|35
-- 7078|cyan|107
-- end

-- name: stream-consumed-by-committed-transaction-is-empty
-- source: https://docs.snowflake.com/en/user-guide/streams-examples
-- note: the INSERT ... PARSE_JSON statement that loads the staging rows is written here (the docs leave the load method open)
-- note: the docs run SELECT * but print only the columns RAW, METADATA$ACTION, METADATA$ISUPDATE; the query names those columns
CREATE OR REPLACE TABLE data_staging (
  raw variant);
CREATE OR REPLACE STREAM data_check ON TABLE data_staging;
CREATE OR REPLACE TABLE data_prod1 (
    id number(8),
    ts TIMESTAMP_TZ
    );
CREATE OR REPLACE TABLE data_prod2 (
    id number(8),
    color VARCHAR,
    num NUMBER
    );
INSERT INTO data_staging
  SELECT PARSE_JSON(column1)
  FROM VALUES
  ('{"id": 7077, "x1": "2018-08-14T20:57:01-07:00", "x2": [{"y1": "green", "y2": "35"}]}'),
  ('{"id": 7078, "x1": "2018-08-14T21:07:26-07:00", "x2": [{"y1": "cyan", "y2": "107"}]}');
BEGIN;
INSERT INTO data_prod1 (id, ts)
SELECT t.raw:id, to_timestamp_tz(t.raw:x1)
FROM data_check t
WHERE METADATA$ACTION = 'INSERT';
INSERT INTO data_prod2 (id, color, num)
SELECT t.raw:id, f.value:y1, f.value:y2
FROM data_check t
, lateral flatten(input => raw:x2) f
WHERE METADATA$ACTION = 'INSERT';
COMMIT;
SELECT raw, METADATA$ACTION, METADATA$ISUPDATE FROM data_check;
-- expect:
-- RAW|METADATA$ACTION|METADATA$ISUPDATE
-- end

-- name: stream-on-join-view-records-inserts
-- source: https://docs.snowflake.com/en/user-guide/streams-examples
-- note: current_date() in the sightings rows is replaced by '2021-09-07'::date, the date the docs print
-- note: CREATE TABLE / VIEW / STREAM changed to CREATE OR REPLACE so the case can be re-run
-- note: query lists the columns instead of SELECT *; METADATA$ROW_ID left out
-- note: unordered
CREATE OR REPLACE TABLE birds (
  id number,
  common varchar(100),
  class varchar(100)
);
CREATE OR REPLACE TABLE sightings (
  d date,
  loc varchar(100),
  b_id number,
  c number
);
CREATE OR REPLACE VIEW bird_sightings AS
SELECT b.id AS id,
       b.common AS common_name,
       b.class AS classification,
       s.d AS date,
       s.loc AS location,
       s.c AS count
FROM birds b
INNER JOIN sightings s ON b.id = s.b_id;
CREATE OR REPLACE STREAM bird_sightings_s ON VIEW bird_sightings;
INSERT INTO birds
VALUES
    (1,'Scarlet Tanager','P. olivacea'),
    (14,'Mallard','A. platyrhynchos'),
    (48,'Spotted Sandpiper','A. macularius'),
    (92,'Great Blue Heron','A. herodias');
INSERT INTO sightings
VALUES
    ('2021-09-07'::date,'Gibson Island',1,4),
    ('2021-09-07'::date,'Lake Los Pajaro',14,12),
    ('2021-09-07'::date,'Lake Los Pajaro',92,12),
    ('2021-09-07'::date,'Gibson Island',14,21),
    ('2021-09-07'::date,'Gibson Island',92,5);
SELECT id, common_name, classification, date, location, count, METADATA$ACTION, METADATA$ISUPDATE FROM bird_sightings_s;
-- expect:
-- ID|COMMON_NAME|CLASSIFICATION|DATE|LOCATION|COUNT|METADATA$ACTION|METADATA$ISUPDATE
-- 1|Scarlet Tanager|P. olivacea|2021-09-07|Gibson Island|4|INSERT|False
-- 14|Mallard|A. platyrhynchos|2021-09-07|Lake Los Pajaro|12|INSERT|False
-- 92|Great Blue Heron|A. herodias|2021-09-07|Lake Los Pajaro|12|INSERT|False
-- 14|Mallard|A. platyrhynchos|2021-09-07|Gibson Island|21|INSERT|False
-- 92|Great Blue Heron|A. herodias|2021-09-07|Gibson Island|5|INSERT|False
-- end

-- name: stream-on-join-view-empty-after-consume
-- source: https://docs.snowflake.com/en/user-guide/streams-examples
-- note: current_date() replaced by '2021-09-07'::date; CREATE changed to CREATE OR REPLACE
-- note: the docs only say "Consume the stream records in a DML statement (INSERT, MERGE, etc.)"; the table bird_sightings_log and the INSERT that consumes the stream are written here
-- note: the docs print the empty result without showing the query; SELECT * is assumed (header copied as printed)
CREATE OR REPLACE TABLE birds (
  id number,
  common varchar(100),
  class varchar(100)
);
CREATE OR REPLACE TABLE sightings (
  d date,
  loc varchar(100),
  b_id number,
  c number
);
CREATE OR REPLACE VIEW bird_sightings AS
SELECT b.id AS id,
       b.common AS common_name,
       b.class AS classification,
       s.d AS date,
       s.loc AS location,
       s.c AS count
FROM birds b
INNER JOIN sightings s ON b.id = s.b_id;
CREATE OR REPLACE STREAM bird_sightings_s ON VIEW bird_sightings;
INSERT INTO birds
VALUES
    (1,'Scarlet Tanager','P. olivacea'),
    (14,'Mallard','A. platyrhynchos'),
    (48,'Spotted Sandpiper','A. macularius'),
    (92,'Great Blue Heron','A. herodias');
INSERT INTO sightings
VALUES
    ('2021-09-07'::date,'Gibson Island',1,4),
    ('2021-09-07'::date,'Lake Los Pajaro',14,12),
    ('2021-09-07'::date,'Lake Los Pajaro',92,12),
    ('2021-09-07'::date,'Gibson Island',14,21),
    ('2021-09-07'::date,'Gibson Island',92,5);
CREATE OR REPLACE TABLE bird_sightings_log (id number, common_name varchar(100), loc varchar(100), c number);
INSERT INTO bird_sightings_log SELECT id, common_name, location, count FROM bird_sightings_s;
SELECT * FROM bird_sightings_s;
-- expect:
-- ID|COMMON_NAME|CLASSIFICATION|DATE|LOCATION|COUNT|METADATA$ROW_ID|METADATA$ACTION|METADATA$ISUPDATE
-- end

-- name: stream-on-join-view-delete-in-base-table
-- source: https://docs.snowflake.com/en/user-guide/streams-examples
-- note: current_date() replaced by '2021-09-07'::date; CREATE changed to CREATE OR REPLACE
-- note: the table bird_sightings_log and the INSERT that consumes the stream are written here (the docs only say "Consume the stream records in a DML statement")
-- note: query lists the columns instead of SELECT *; METADATA$ROW_ID left out
-- note: docs comment: "The stream displays two records for the single DELETE operation."
-- note: unordered
CREATE OR REPLACE TABLE birds (
  id number,
  common varchar(100),
  class varchar(100)
);
CREATE OR REPLACE TABLE sightings (
  d date,
  loc varchar(100),
  b_id number,
  c number
);
CREATE OR REPLACE VIEW bird_sightings AS
SELECT b.id AS id,
       b.common AS common_name,
       b.class AS classification,
       s.d AS date,
       s.loc AS location,
       s.c AS count
FROM birds b
INNER JOIN sightings s ON b.id = s.b_id;
CREATE OR REPLACE STREAM bird_sightings_s ON VIEW bird_sightings;
INSERT INTO birds
VALUES
    (1,'Scarlet Tanager','P. olivacea'),
    (14,'Mallard','A. platyrhynchos'),
    (48,'Spotted Sandpiper','A. macularius'),
    (92,'Great Blue Heron','A. herodias');
INSERT INTO sightings
VALUES
    ('2021-09-07'::date,'Gibson Island',1,4),
    ('2021-09-07'::date,'Lake Los Pajaro',14,12),
    ('2021-09-07'::date,'Lake Los Pajaro',92,12),
    ('2021-09-07'::date,'Gibson Island',14,21),
    ('2021-09-07'::date,'Gibson Island',92,5);
CREATE OR REPLACE TABLE bird_sightings_log (id number, common_name varchar(100), loc varchar(100), c number);
INSERT INTO bird_sightings_log SELECT id, common_name, location, count FROM bird_sightings_s;
DELETE FROM birds WHERE id = 14;
SELECT id, common_name, classification, date, location, count, METADATA$ACTION, METADATA$ISUPDATE FROM bird_sightings_s;
-- expect:
-- ID|COMMON_NAME|CLASSIFICATION|DATE|LOCATION|COUNT|METADATA$ACTION|METADATA$ISUPDATE
-- 14|Mallard|A. platyrhynchos|2021-09-07|Lake Los Pajaro|12|DELETE|False
-- 14|Mallard|A. platyrhynchos|2021-09-07|Gibson Island|21|DELETE|False
-- end

-- name: stream-on-view-created-after-rows-is-empty
-- source: https://docs.snowflake.com/en/user-guide/streams-intro
create or replace table orders (id int, order_name varchar);
create or replace table customers (id int, customer_name varchar);
create or replace view ordersByCustomer as select * from orders natural join customers;
insert into orders values (1, 'order1');
insert into customers values (1, 'customer1');
create or replace stream ordersByCustomerStream on view ordersBycustomer;
select * exclude metadata$row_id from ordersByCustomerStream;
-- expect:
-- ID|ORDER_NAME|CUSTOMER_NAME|METADATA$ACTION|METADATA$ISUPDATE
-- end

-- name: stream-on-join-view-insert-left-table
-- source: https://docs.snowflake.com/en/user-guide/streams-intro
create or replace table orders (id int, order_name varchar);
create or replace table customers (id int, customer_name varchar);
create or replace view ordersByCustomer as select * from orders natural join customers;
insert into orders values (1, 'order1');
insert into customers values (1, 'customer1');
create or replace stream ordersByCustomerStream on view ordersBycustomer;
insert into orders values (1, 'order2');
select * exclude metadata$row_id from ordersByCustomerStream;
-- expect:
-- ID|ORDER_NAME|CUSTOMER_NAME|METADATA$ACTION|METADATA$ISUPDATE
-- 1|order2|customer1|INSERT|False
-- end

-- name: stream-on-join-view-insert-both-tables
-- source: https://docs.snowflake.com/en/user-guide/streams-intro
-- note: unordered
create or replace table orders (id int, order_name varchar);
create or replace table customers (id int, customer_name varchar);
create or replace view ordersByCustomer as select * from orders natural join customers;
insert into orders values (1, 'order1');
insert into customers values (1, 'customer1');
create or replace stream ordersByCustomerStream on view ordersBycustomer;
insert into orders values (1, 'order2');
insert into customers values (1, 'customer2');
select * exclude metadata$row_id from ordersByCustomerStream;
-- expect:
-- ID|ORDER_NAME|CUSTOMER_NAME|METADATA$ACTION|METADATA$ISUPDATE
-- 1|order1|customer2|INSERT|False
-- 1|order2|customer1|INSERT|False
-- 1|order2|customer2|INSERT|False
-- end

-- name: stream-has-data-true-after-insert
-- source: https://docs.snowflake.com/en/sql-reference/functions/system_stream_has_data
-- note: CREATE TABLE / CREATE STREAM changed to CREATE OR REPLACE so the case can be re-run
create or replace table MYTABLE1 (id int);
create or replace table MYTABLE2(id int);
create or replace stream MYSTREAM on table MYTABLE1;
insert into MYTABLE1 values (1);
select system$stream_has_data('MYSTREAM');
-- expect:
-- SYSTEM$STREAM_HAS_DATA('MYSTREAM')
-- True
-- end

-- name: stream-has-data-false-after-consume-in-transaction
-- source: https://docs.snowflake.com/en/sql-reference/functions/system_stream_has_data
-- note: CREATE TABLE / CREATE STREAM changed to CREATE OR REPLACE so the case can be re-run
create or replace table MYTABLE1 (id int);
create or replace table MYTABLE2(id int);
create or replace stream MYSTREAM on table MYTABLE1;
insert into MYTABLE1 values (1);
begin;
insert into MYTABLE2 select id from MYSTREAM;
commit;
select system$stream_has_data('MYSTREAM');
-- expect:
-- SYSTEM$STREAM_HAS_DATA('MYSTREAM')
-- False
-- end

-- name: stream-has-data-false-after-ctas-that-filters-everything
-- source: https://docs.snowflake.com/en/sql-reference/functions/system_stream_has_data
-- note: CREATE TABLE / CREATE STREAM / CREATE TEMPORARY TABLE changed to CREATE OR REPLACE so the case can be re-run; the stream name MYSTREAM is used in place of the page's placeholder my_stream
-- note: written from the page's usage notes (not its printed example): "CREATE TEMPORARY TABLE _unused_table AS SELECT * FROM my_stream WHERE 1=0; ... This operation advances the stream offset, and SYSTEM$STREAM_HAS_DATA returns FALSE until new changes occur." The setup is the page's printed example; the result line follows the example's printed False.
create or replace table MYTABLE1 (id int);
create or replace table MYTABLE2(id int);
create or replace stream MYSTREAM on table MYTABLE1;
insert into MYTABLE1 values (1);
CREATE OR REPLACE TEMPORARY TABLE _unused_table AS SELECT * FROM MYSTREAM WHERE 1=0;
select system$stream_has_data('MYSTREAM');
-- expect:
-- SYSTEM$STREAM_HAS_DATA('MYSTREAM')
-- False
-- end

-- name: stream-offset-stays-after-rolled-back-consume
-- source: https://docs.snowflake.com/en/user-guide/streams-intro
-- note: CREATE TABLE / CREATE STREAM changed to CREATE OR REPLACE so the case can be re-run
-- note: written from prose, not a printed example: "The stream position advances to the transaction start time if the transaction commits; otherwise it stays at the same position." Setup and output format are those of the SYSTEM$STREAM_HAS_DATA page example, with ROLLBACK in place of COMMIT.
create or replace table MYTABLE1 (id int);
create or replace table MYTABLE2(id int);
create or replace stream MYSTREAM on table MYTABLE1;
insert into MYTABLE1 values (1);
begin;
insert into MYTABLE2 select id from MYSTREAM;
rollback;
select system$stream_has_data('MYSTREAM');
-- expect:
-- SYSTEM$STREAM_HAS_DATA('MYSTREAM')
-- True
-- end
