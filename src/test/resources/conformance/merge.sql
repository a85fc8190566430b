-- name: merge-basic-update-row-count
-- source: https://docs.snowflake.com/en/sql-reference/sql/merge
CREATE OR REPLACE TABLE merge_example_target (id INTEGER, description VARCHAR);
INSERT INTO merge_example_target (id, description) VALUES
  (10, 'To be updated (this is the old value)');
CREATE OR REPLACE TABLE merge_example_source (id INTEGER, description VARCHAR);
INSERT INTO merge_example_source (id, description) VALUES
  (10, 'To be updated (this is the new value)');
MERGE INTO merge_example_target
  USING merge_example_source
  ON merge_example_target.id = merge_example_source.id
  WHEN MATCHED THEN
    UPDATE SET merge_example_target.description = merge_example_source.description;
-- expect:
-- number of rows updated
-- 1
-- end

-- name: merge-basic-update-target-after
-- source: https://docs.snowflake.com/en/sql-reference/sql/merge
CREATE OR REPLACE TABLE merge_example_target (id INTEGER, description VARCHAR);
INSERT INTO merge_example_target (id, description) VALUES
  (10, 'To be updated (this is the old value)');
CREATE OR REPLACE TABLE merge_example_source (id INTEGER, description VARCHAR);
INSERT INTO merge_example_source (id, description) VALUES
  (10, 'To be updated (this is the new value)');
MERGE INTO merge_example_target
  USING merge_example_source
  ON merge_example_target.id = merge_example_source.id
  WHEN MATCHED THEN
    UPDATE SET merge_example_target.description = merge_example_source.description;
SELECT * FROM merge_example_target;
-- expect:
-- ID|DESCRIPTION
-- 10|To be updated (this is the new value)
-- end

-- name: merge-basic-update-source-unchanged
-- source: https://docs.snowflake.com/en/sql-reference/sql/merge
CREATE OR REPLACE TABLE merge_example_target (id INTEGER, description VARCHAR);
INSERT INTO merge_example_target (id, description) VALUES
  (10, 'To be updated (this is the old value)');
CREATE OR REPLACE TABLE merge_example_source (id INTEGER, description VARCHAR);
INSERT INTO merge_example_source (id, description) VALUES
  (10, 'To be updated (this is the new value)');
MERGE INTO merge_example_target
  USING merge_example_source
  ON merge_example_target.id = merge_example_source.id
  WHEN MATCHED THEN
    UPDATE SET merge_example_target.description = merge_example_source.description;
SELECT * FROM merge_example_source;
-- expect:
-- ID|DESCRIPTION
-- 10|To be updated (this is the new value)
-- end

-- name: merge-multiple-operations-row-counts
-- source: https://docs.snowflake.com/en/sql-reference/sql/merge
CREATE OR REPLACE TABLE merge_example_mult_target (
  id INTEGER,
  val INTEGER,
  status VARCHAR);
INSERT INTO merge_example_mult_target (id, val, status) VALUES
  (1, 10, 'Production'),
  (2, 20, 'Alpha'),
  (3, 30, 'Production');
CREATE OR REPLACE TABLE merge_example_mult_source (
  id INTEGER,
  marked VARCHAR,
  isnewstatus INTEGER,
  newval INTEGER,
  newstatus VARCHAR);
INSERT INTO merge_example_mult_source (id, marked, isnewstatus, newval, newstatus) VALUES
  (1, 'Y', 0, 10, 'Production'),
  (2, 'N', 1, 50, 'Beta'),
  (3, 'N', 0, 60, 'Deprecated'),
  (4, 'N', 0, 40, 'Production');
MERGE INTO merge_example_mult_target
  USING merge_example_mult_source
  ON merge_example_mult_target.id = merge_example_mult_source.id
  WHEN MATCHED AND merge_example_mult_source.marked = 'Y'
    THEN DELETE
  WHEN MATCHED AND merge_example_mult_source.isnewstatus = 1
    THEN UPDATE SET val = merge_example_mult_source.newval, status = merge_example_mult_source.newstatus
  WHEN MATCHED
    THEN UPDATE SET val = merge_example_mult_source.newval
  WHEN NOT MATCHED
    THEN INSERT (id, val, status) VALUES (
      merge_example_mult_source.id,
      merge_example_mult_source.newval,
      merge_example_mult_source.newstatus);
-- expect:
-- number of rows inserted|number of rows updated|number of rows deleted
-- 1|2|1
-- end

-- name: merge-multiple-operations-target-after
-- source: https://docs.snowflake.com/en/sql-reference/sql/merge
CREATE OR REPLACE TABLE merge_example_mult_target (
  id INTEGER,
  val INTEGER,
  status VARCHAR);
INSERT INTO merge_example_mult_target (id, val, status) VALUES
  (1, 10, 'Production'),
  (2, 20, 'Alpha'),
  (3, 30, 'Production');
CREATE OR REPLACE TABLE merge_example_mult_source (
  id INTEGER,
  marked VARCHAR,
  isnewstatus INTEGER,
  newval INTEGER,
  newstatus VARCHAR);
INSERT INTO merge_example_mult_source (id, marked, isnewstatus, newval, newstatus) VALUES
  (1, 'Y', 0, 10, 'Production'),
  (2, 'N', 1, 50, 'Beta'),
  (3, 'N', 0, 60, 'Deprecated'),
  (4, 'N', 0, 40, 'Production');
MERGE INTO merge_example_mult_target
  USING merge_example_mult_source
  ON merge_example_mult_target.id = merge_example_mult_source.id
  WHEN MATCHED AND merge_example_mult_source.marked = 'Y'
    THEN DELETE
  WHEN MATCHED AND merge_example_mult_source.isnewstatus = 1
    THEN UPDATE SET val = merge_example_mult_source.newval, status = merge_example_mult_source.newstatus
  WHEN MATCHED
    THEN UPDATE SET val = merge_example_mult_source.newval
  WHEN NOT MATCHED
    THEN INSERT (id, val, status) VALUES (
      merge_example_mult_source.id,
      merge_example_mult_source.newval,
      merge_example_mult_source.newstatus);
SELECT * FROM merge_example_mult_target ORDER BY id;
-- expect:
-- ID|VAL|STATUS
-- 2|50|Beta
-- 3|60|Production
-- 4|40|Production
-- end

-- name: merge-all-by-name-row-counts
-- source: https://docs.snowflake.com/en/sql-reference/sql/merge
CREATE OR REPLACE TABLE merge_example_target_all (
  id INTEGER,
  x INTEGER,
  y VARCHAR);
CREATE OR REPLACE TABLE merge_example_source_all (
  id INTEGER,
  y VARCHAR,
  x INTEGER);
INSERT INTO merge_example_target_all (id, x, y) VALUES
  (1, 10, 'Skiing'),
  (2, 20, 'Snowboarding');
INSERT INTO merge_example_source_all (id, y, x) VALUES
  (1, 'Skiing', 10),
  (2, 'Snowboarding', 25),
  (3, 'Skating', 30);
MERGE INTO merge_example_target_all
  USING merge_example_source_all
  ON merge_example_target_all.id = merge_example_source_all.id
  WHEN MATCHED THEN
    UPDATE ALL BY NAME
  WHEN NOT MATCHED THEN
    INSERT ALL BY NAME;
-- expect:
-- number of rows inserted|number of rows updated
-- 1|2
-- end

-- name: merge-all-by-name-target-after
-- source: https://docs.snowflake.com/en/sql-reference/sql/merge
CREATE OR REPLACE TABLE merge_example_target_all (
  id INTEGER,
  x INTEGER,
  y VARCHAR);
CREATE OR REPLACE TABLE merge_example_source_all (
  id INTEGER,
  y VARCHAR,
  x INTEGER);
INSERT INTO merge_example_target_all (id, x, y) VALUES
  (1, 10, 'Skiing'),
  (2, 20, 'Snowboarding');
INSERT INTO merge_example_source_all (id, y, x) VALUES
  (1, 'Skiing', 10),
  (2, 'Snowboarding', 25),
  (3, 'Skating', 30);
MERGE INTO merge_example_target_all
  USING merge_example_source_all
  ON merge_example_target_all.id = merge_example_source_all.id
  WHEN MATCHED THEN
    UPDATE ALL BY NAME
  WHEN NOT MATCHED THEN
    INSERT ALL BY NAME;
SELECT *
  FROM merge_example_target_all
  ORDER BY id;
-- expect:
-- ID|X|Y
-- 1|10|Skiing
-- 2|25|Snowboarding
-- 3|30|Skating
-- end

-- name: merge-source-duplicates-row-counts
-- source: https://docs.snowflake.com/en/sql-reference/sql/merge
-- note: the docs reuse the tables of the basic example and TRUNCATE them; the CREATE statements of that example are repeated here
CREATE OR REPLACE TABLE merge_example_target (id INTEGER, description VARCHAR);
CREATE OR REPLACE TABLE merge_example_source (id INTEGER, description VARCHAR);
TRUNCATE table merge_example_target;
TRUNCATE table merge_example_source;
INSERT INTO merge_example_source (id, description) VALUES
  (50, 'This is a duplicate in the source and has no match in target'),
  (50, 'This is a duplicate in the source and has no match in target');
MERGE INTO merge_example_target
  USING merge_example_source
  ON merge_example_target.id = merge_example_source.id
  WHEN MATCHED THEN
    UPDATE SET merge_example_target.description = merge_example_source.description
  WHEN NOT MATCHED THEN
    INSERT (id, description) VALUES
      (merge_example_source.id, merge_example_source.description);
-- expect:
-- number of rows inserted|number of rows updated
-- 2|0
-- end

-- name: merge-source-duplicates-target-after
-- source: https://docs.snowflake.com/en/sql-reference/sql/merge
-- note: the docs reuse the tables of the basic example and TRUNCATE them; the CREATE statements of that example are repeated here
CREATE OR REPLACE TABLE merge_example_target (id INTEGER, description VARCHAR);
CREATE OR REPLACE TABLE merge_example_source (id INTEGER, description VARCHAR);
TRUNCATE table merge_example_target;
TRUNCATE table merge_example_source;
INSERT INTO merge_example_source (id, description) VALUES
  (50, 'This is a duplicate in the source and has no match in target'),
  (50, 'This is a duplicate in the source and has no match in target');
MERGE INTO merge_example_target
  USING merge_example_source
  ON merge_example_target.id = merge_example_source.id
  WHEN MATCHED THEN
    UPDATE SET merge_example_target.description = merge_example_source.description
  WHEN NOT MATCHED THEN
    INSERT (id, description) VALUES
      (merge_example_source.id, merge_example_source.description);
SELECT * FROM merge_example_target;
-- expect:
-- ID|DESCRIPTION
-- 50|This is a duplicate in the source and has no match in target
-- 50|This is a duplicate in the source and has no match in target
-- end

-- name: merge-nondeterministic-multiple-updates-error
-- source: https://docs.snowflake.com/en/sql-reference/sql/merge
-- note: the docs say only that the MERGE "returns an error" when ERROR_ON_NONDETERMINISTIC_MERGE is TRUE (its default); they print no code or message. The message text below is the one Snowflake users and third-party docs (docs.coalesce.io) report for this case, with code 100090 (SQLSTATE 42P18) in reports; it is not on docs.snowflake.com.
CREATE OR REPLACE TABLE merge_example_target_orig (k NUMBER, v NUMBER);
INSERT INTO merge_example_target_orig VALUES (0, 10);
CREATE OR REPLACE TABLE merge_example_src (k NUMBER, v NUMBER);
INSERT INTO merge_example_src VALUES (0, 11), (0, 12), (0, 13);
CREATE OR REPLACE TABLE merge_example_target_clone
  CLONE merge_example_target_orig;
MERGE INTO  merge_example_target_clone
  USING merge_example_src
  ON merge_example_target_clone.k = merge_example_src.k
  WHEN MATCHED THEN UPDATE SET merge_example_target_clone.v = merge_example_src.v;
-- expect-error: Duplicate row detected during DML action
-- end

-- name: merge-nondeterministic-update-and-delete-error
-- source: https://docs.snowflake.com/en/sql-reference/sql/merge
-- note: the docs say only that the MERGE "returns an error" when ERROR_ON_NONDETERMINISTIC_MERGE is TRUE (its default); they print no code or message. The message text is the one reported outside docs.snowflake.com (see merge-nondeterministic-multiple-updates-error).
CREATE OR REPLACE TABLE merge_example_target_orig (k NUMBER, v NUMBER);
INSERT INTO merge_example_target_orig VALUES (0, 10);
CREATE OR REPLACE TABLE merge_example_src (k NUMBER, v NUMBER);
INSERT INTO merge_example_src VALUES (0, 11), (0, 12), (0, 13);
CREATE OR REPLACE TABLE merge_example_target_clone
  CLONE merge_example_target_orig;
MERGE INTO merge_example_target_clone
  USING merge_example_src
  ON merge_example_target_clone.k = merge_example_src.k
  WHEN MATCHED AND merge_example_src.v = 11 THEN DELETE
  WHEN MATCHED THEN UPDATE SET merge_example_target_clone.v = merge_example_src.v;
-- expect-error: Duplicate row detected during DML action
-- end

-- name: merge-nondeterministic-multiple-updates-allowed-when-parameter-false
-- source: https://docs.snowflake.com/en/sql-reference/sql/merge
-- note: written from prose, not a printed result: with ERROR_ON_NONDETERMINISTIC_MERGE = FALSE "the MERGE statement updates merge_example_target_clone.v with a value (for example, 11, 12, or 13) from one of the duplicate rows (row not defined)". The ALTER SESSION statement and the checking query (with its alias) are written here.
CREATE OR REPLACE TABLE merge_example_target_orig (k NUMBER, v NUMBER);
INSERT INTO merge_example_target_orig VALUES (0, 10);
CREATE OR REPLACE TABLE merge_example_src (k NUMBER, v NUMBER);
INSERT INTO merge_example_src VALUES (0, 11), (0, 12), (0, 13);
ALTER SESSION SET ERROR_ON_NONDETERMINISTIC_MERGE = FALSE;
CREATE OR REPLACE TABLE merge_example_target_clone
  CLONE merge_example_target_orig;
MERGE INTO  merge_example_target_clone
  USING merge_example_src
  ON merge_example_target_clone.k = merge_example_src.k
  WHEN MATCHED THEN UPDATE SET merge_example_target_clone.v = merge_example_src.v;
ALTER SESSION UNSET ERROR_ON_NONDETERMINISTIC_MERGE;
SELECT COUNT(*) AS n FROM merge_example_target_clone WHERE k = 0 AND v IN (11, 12, 13);
-- expect:
-- N
-- 1
-- end

-- name: merge-nondeterministic-update-and-delete-allowed-when-parameter-false
-- source: https://docs.snowflake.com/en/sql-reference/sql/merge
-- note: written from prose, not a printed result: with ERROR_ON_NONDETERMINISTIC_MERGE = FALSE "the MERGE statement either deletes the row or updates merge_example_target_clone.v with a value (for example, 12 or 13) from one of the duplicate rows (row not defined)"; so no row with another v remains. The ALTER SESSION statements and the checking query (with its alias) are written here.
CREATE OR REPLACE TABLE merge_example_target_orig (k NUMBER, v NUMBER);
INSERT INTO merge_example_target_orig VALUES (0, 10);
CREATE OR REPLACE TABLE merge_example_src (k NUMBER, v NUMBER);
INSERT INTO merge_example_src VALUES (0, 11), (0, 12), (0, 13);
ALTER SESSION SET ERROR_ON_NONDETERMINISTIC_MERGE = FALSE;
CREATE OR REPLACE TABLE merge_example_target_clone
  CLONE merge_example_target_orig;
MERGE INTO merge_example_target_clone
  USING merge_example_src
  ON merge_example_target_clone.k = merge_example_src.k
  WHEN MATCHED AND merge_example_src.v = 11 THEN DELETE
  WHEN MATCHED THEN UPDATE SET merge_example_target_clone.v = merge_example_src.v;
ALTER SESSION UNSET ERROR_ON_NONDETERMINISTIC_MERGE;
SELECT COUNT(*) AS n FROM merge_example_target_clone WHERE v NOT IN (12, 13);
-- expect:
-- N
-- 0
-- end

-- name: merge-multiple-deletes-of-one-target-row-succeed
-- source: https://docs.snowflake.com/en/sql-reference/sql/merge
-- note: result stated in prose, not printed: "Multiple deletes don't conflict with each other. Joined values that don't match any clause don't prevent the delete (merge_example_src.v = 13). The MERGE statement succeeds and the target row is deleted"; the final SELECT and its (empty) result are written from that sentence
-- note: the docs' clone statement reads "CREATE OR REPLACE TABLE target CLONE merge_example_target_orig;" but the MERGE targets merge_example_target_clone; the clone is named merge_example_target_clone here
CREATE OR REPLACE TABLE merge_example_target_orig (k NUMBER, v NUMBER);
INSERT INTO merge_example_target_orig VALUES (0, 10);
CREATE OR REPLACE TABLE merge_example_src (k NUMBER, v NUMBER);
INSERT INTO merge_example_src VALUES (0, 11), (0, 12), (0, 13);
CREATE OR REPLACE TABLE merge_example_target_clone CLONE merge_example_target_orig;
MERGE INTO merge_example_target_clone
  USING merge_example_src
  ON merge_example_target_clone.k = merge_example_src.k
  WHEN MATCHED AND merge_example_src.v <= 12 THEN DELETE;
SELECT * FROM merge_example_target_clone;
-- expect:
-- K|V
-- end

-- name: merge-unmatched-duplicate-joins-do-not-prevent-update
-- source: https://docs.snowflake.com/en/sql-reference/sql/merge
-- note: result stated in prose, not printed: "Joined values that don't match any clause don't prevent an update (merge_example_src.v = 12, 13). The MERGE statement succeeds and the target row is set to target.v = 11"; the final SELECT and its result are written from that sentence
-- note: the docs' clone statement reads "CLONE target_orig"; merge_example_target_orig is used here
CREATE OR REPLACE TABLE merge_example_target_orig (k NUMBER, v NUMBER);
INSERT INTO merge_example_target_orig VALUES (0, 10);
CREATE OR REPLACE TABLE merge_example_src (k NUMBER, v NUMBER);
INSERT INTO merge_example_src VALUES (0, 11), (0, 12), (0, 13);
CREATE OR REPLACE TABLE merge_example_target_clone CLONE merge_example_target_orig;
MERGE INTO merge_example_target_clone
  USING merge_example_src
  ON merge_example_target_clone.k = merge_example_src.k
  WHEN MATCHED AND merge_example_src.v = 11
    THEN UPDATE SET merge_example_target_clone.v = merge_example_src.v;
SELECT * FROM merge_example_target_clone;
-- expect:
-- K|V
-- 0|11
-- end

-- name: merge-clone-is-independent-of-source
-- source: https://docs.snowflake.com/en/sql-reference/sql/merge
-- note: written from the MERGE page's clone-based example plus CREATE ... CLONE usage notes ("A clone is writable and is independent of its source. Changes made to the source or clone aren't reflected in the other object.", https://docs.snowflake.com/en/sql-reference/sql/create-clone); the original table keeps its row (0, 10). The final SELECT and its result are written here.
CREATE OR REPLACE TABLE merge_example_target_orig (k NUMBER, v NUMBER);
INSERT INTO merge_example_target_orig VALUES (0, 10);
CREATE OR REPLACE TABLE merge_example_src (k NUMBER, v NUMBER);
INSERT INTO merge_example_src VALUES (0, 11), (0, 12), (0, 13);
CREATE OR REPLACE TABLE merge_example_target_clone CLONE merge_example_target_orig;
MERGE INTO merge_example_target_clone
  USING merge_example_src
  ON merge_example_target_clone.k = merge_example_src.k
  WHEN MATCHED AND merge_example_src.v <= 12 THEN DELETE;
SELECT * FROM merge_example_target_orig;
-- expect:
-- K|V
-- 0|10
-- end

-- name: merge-unreachable-unconditional-matched-clause-error
-- source: https://docs.snowflake.com/en/sql-reference/sql/merge
-- note: written from the usage notes, not a printed example: "Any matching or not-matching clause that omits the AND subclause (default behavior) must be the last of its clause type in the statement (for example, a WHEN MATCHED ... clause can't be followed by a WHEN MATCHED AND ... clause). Doing so results in an unreachable case, which returns an error." The docs give no code or message: any error satisfies this case. Tables are those of the basic example.
CREATE OR REPLACE TABLE merge_example_target (id INTEGER, description VARCHAR);
INSERT INTO merge_example_target (id, description) VALUES
  (10, 'To be updated (this is the old value)');
CREATE OR REPLACE TABLE merge_example_source (id INTEGER, description VARCHAR);
INSERT INTO merge_example_source (id, description) VALUES
  (10, 'To be updated (this is the new value)');
MERGE INTO merge_example_target
  USING merge_example_source
  ON merge_example_target.id = merge_example_source.id
  WHEN MATCHED THEN
    UPDATE SET merge_example_target.description = merge_example_source.description
  WHEN MATCHED AND merge_example_source.id = 10 THEN DELETE;
-- expect-error:
-- end

-- name: merge-from-subquery-with-datediff-target-after
-- source: https://docs.snowflake.com/en/user-guide/streams-examples
-- note: from the streams basic example; the stream statements are left out (they do not change the table)
-- note: unordered
CREATE OR REPLACE TABLE members (
  id number(8) NOT NULL,
  name varchar(255) default NULL,
  fee number(3) NULL
);
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
SELECT * FROM members;
-- expect:
-- ID|NAME|FEE
-- 1|Joe|90
-- 2|Jane|90
-- 3|George|90
-- 4|Betty|0
-- 5|Sally|0
-- end

-- name: update-from-multi-joined-row-count
-- source: https://docs.snowflake.com/en/sql-reference/sql/update
-- note: UPDATE page, the counterpart of MERGE's nondeterminism rule (ERROR_ON_NONDETERMINISTIC_UPDATE defaults to FALSE). The docs show the table contents with SELECT but not the CREATE/INSERT statements; those are written here from the printed rows (types NUMBER as in the MERGE page's k/v tables).
CREATE OR REPLACE TABLE target (k NUMBER, v NUMBER);
INSERT INTO target VALUES (0, 10);
CREATE OR REPLACE TABLE src (k NUMBER, v NUMBER);
INSERT INTO src VALUES (0, 11), (0, 12), (0, 13);
UPDATE target
  SET v = src.v
  FROM src
  WHERE target.k = src.k;
-- expect:
-- number of rows updated|number of multi-joined rows updated
-- 1|1
-- end

-- name: update-from-grouped-one-to-one-join
-- source: https://docs.snowflake.com/en/sql-reference/sql/update
-- note: result stated in prose, not printed: "This statement results in the single row in target updated to (0, 11) ... and will never result in an error."; the final SELECT and its result are written from that sentence
-- note: CREATE/INSERT statements written from the printed table contents
CREATE OR REPLACE TABLE target (k NUMBER, v NUMBER);
INSERT INTO target VALUES (0, 10);
CREATE OR REPLACE TABLE src (k NUMBER, v NUMBER);
INSERT INTO src VALUES (0, 11), (0, 12), (0, 13);
UPDATE target SET v = b.v
  FROM (SELECT k, MIN(v) v FROM src GROUP BY k) b
  WHERE target.k = b.k;
SELECT * FROM target;
-- expect:
-- K|V
-- 0|11
-- end

-- name: update-from-multi-joined-row-error-when-parameter-true
-- source: https://docs.snowflake.com/en/sql-reference/sql/update
-- note: the docs say: "With ERROR_ON_NONDETERMINISTIC_UPDATE = TRUE, an error is returned reporting a duplicate DML row [0, 10]." They print no code or message; the message's first words below are the ones reported outside docs.snowflake.com for this error (see merge-nondeterministic-multiple-updates-error), and it should mention the row [0, 10]
-- note: CREATE/INSERT statements written from the printed table contents
-- note: leaves ERROR_ON_NONDETERMINISTIC_UPDATE = TRUE in the session (kept last in the file for that reason)
CREATE OR REPLACE TABLE target (k NUMBER, v NUMBER);
INSERT INTO target VALUES (0, 10);
CREATE OR REPLACE TABLE src (k NUMBER, v NUMBER);
INSERT INTO src VALUES (0, 11), (0, 12), (0, 13);
ALTER SESSION SET ERROR_ON_NONDETERMINISTIC_UPDATE=TRUE;
UPDATE target
  SET v = src.v
  FROM src
  WHERE target.k = src.k;
-- expect-error: Duplicate row detected during DML action
-- end
