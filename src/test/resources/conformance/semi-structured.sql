-- name: parse-json-typeof-scalars-and-compounds
-- source: https://docs.snowflake.com/en/sql-reference/functions/parse_json
-- note: VARIANT display: "null" = JSON null, NULL = SQL NULL; row 8 is a sparse array whose trailing element prints as `undefined` (not valid JSON; written as the docs print it); row 6 is the DOUBLE display format the docs print
CREATE OR REPLACE TABLE vartab (n NUMBER(2), v VARIANT);
INSERT INTO vartab
  SELECT column1 AS n, PARSE_JSON(column2) AS v
    FROM VALUES (1, 'null'),
                (2, null),
                (3, 'true'),
                (4, '-17'),
                (5, '123.12'),
                (6, '1.912e2'),
                (7, '"Om ara pa ca na dhih"  '),
                (8, '[-1, 12, 289, 2188, false,]'),
                (9, '{ "x" : "abc", "y" : false, "z": 10} ')
       AS vals;
SELECT n, v, TYPEOF(v)
  FROM vartab
  ORDER BY n;
-- expect:
-- N|V|TYPEOF(V)
-- 1|null|NULL_VALUE
-- 2|NULL|NULL
-- 3|true|BOOLEAN
-- 4|-17|INTEGER
-- 5|123.12|DECIMAL
-- 6|1.912000000000000e+02|DOUBLE
-- 7|"Om ara pa ca na dhih"|VARCHAR
-- 8|[-1,12,289,2188,false,undefined]|ARRAY
-- 9|{"x":"abc","y":false,"z":10}|OBJECT
-- end

-- name: parse-json-duplicate-key-error
-- source: https://docs.snowflake.com/en/sql-reference/functions/parse_json
-- note: the CREATE TABLE is taken from the earlier example on the same page (the docs run this INSERT against that table)
CREATE OR REPLACE TABLE vartab (n NUMBER(2), v VARIANT);
INSERT INTO vartab
SELECT column1 AS n, PARSE_JSON(column2) AS v
  FROM VALUES (10, '{ "a" : "123", "b" : "456", "a": "789"} ')
     AS vals;
-- expect-error: 100069 (22P02): Error parsing JSON: duplicate object attribute "a", pos 31
-- end

-- name: parse-json-duplicate-key-allowed-d
-- source: https://docs.snowflake.com/en/sql-reference/functions/parse_json
-- note: the CREATE TABLE is taken from the earlier example on the same page; only row n = 10 is queried
CREATE OR REPLACE TABLE vartab (n NUMBER(2), v VARIANT);
INSERT INTO vartab
SELECT column1 AS n, PARSE_JSON(column2, 'd') AS v
  FROM VALUES (10, '{ "a" : "123", "b" : "456", "a": "789"} ')
     AS vals;
SELECT v
  FROM vartab
  WHERE n = 10;
-- expect:
-- V
-- {"a":"789","b":"456"}
-- end

-- name: parse-json-vs-to-variant
-- source: https://docs.snowflake.com/en/sql-reference/functions/parse_json
CREATE OR REPLACE TABLE jdemo3 (
  variant1 VARIANT,
  variant2 VARIANT);
INSERT INTO jdemo3 (variant1, variant2)
  SELECT
    PARSE_JSON('{"PI":3.14}'),
    TO_VARIANT('{"PI":3.14}');
SELECT variant1,
       TYPEOF(variant1),
       variant2,
       TYPEOF(variant2),
       variant1 = variant2
  FROM jdemo3;
-- expect:
-- VARIANT1|TYPEOF(VARIANT1)|VARIANT2|TYPEOF(VARIANT2)|VARIANT1 = VARIANT2
-- {"PI":3.14}|OBJECT|"{\"PI\":3.14}"|VARCHAR|False
-- end

-- name: json-null-vs-sql-null-path-on-expression
-- source: https://docs.snowflake.com/en/user-guide/semistructured-considerations
-- note: the docs print three columns with the same header "JSON NULL"
SELECT PARSE_JSON(NULL) AS "SQL NULL",
       PARSE_JSON('null') AS "JSON NULL",
       PARSE_JSON('[ null ]') AS "JSON NULL",
       PARSE_JSON('{ "a": null }'):a AS "JSON NULL",
       PARSE_JSON('{ "a": null }'):b AS "ABSENT VALUE";
-- expect:
-- SQL NULL|JSON NULL|JSON NULL|JSON NULL|ABSENT VALUE
-- NULL|null|[null]|null|NULL
-- end

-- name: to-varchar-path-on-values-column
-- source: https://docs.snowflake.com/en/user-guide/semistructured-considerations
-- note: no ORDER BY in the docs; rows are printed in VALUES order. COLUMN1 is a VARCHAR, printed verbatim (with its spaces)
SELECT column1
  , TO_VARCHAR(PARSE_JSON(column1):a)
FROM
  VALUES('{"a" : null}')
, ('{"b" : "hello"}')
, ('{"a" : "world"}');
-- expect:
-- COLUMN1|TO_VARCHAR(PARSE_JSON(COLUMN1):A)
-- {"a" : null}|NULL
-- {"b" : "hello"}|NULL
-- {"a" : "world"}|world
-- end

-- name: car-sales-colon-first-level
-- source: https://docs.snowflake.com/en/user-guide/querying-semistructured
CREATE OR REPLACE TABLE car_sales
(
  src variant
)
AS
SELECT PARSE_JSON(column1) AS src
FROM VALUES
('{
    "date" : "2017-04-28",
    "dealership" : "Valley View Auto Sales",
    "salesperson" : {
      "id": "55",
      "name": "Frank Beasley"
    },
    "customer" : [
      {"name": "Joyce Ridgely", "phone": "16504378889", "address": "San Francisco, CA"}
    ],
    "vehicle" : [
      {"make": "Honda", "model": "Civic", "year": "2017", "price": "20275", "extras":["ext warranty", "paint protection"]}
    ]
}'),
('{
    "date" : "2017-04-28",
    "dealership" : "Tindel Toyota",
    "salesperson" : {
      "id": "274",
      "name": "Greg Northrup"
    },
    "customer" : [
      {"name": "Bradley Greenbloom", "phone": "12127593751", "address": "New York, NY"}
    ],
    "vehicle" : [
      {"make": "Toyota", "model": "Camry", "year": "2017", "price": "23500", "extras":["ext warranty", "rust proofing", "fabric protection"]}
    ]
}') v;
SELECT src:dealership
    FROM car_sales
    ORDER BY 1;
-- expect:
-- SRC:DEALERSHIP
-- "Tindel Toyota"
-- "Valley View Auto Sales"
-- end

-- name: car-sales-dot-notation
-- source: https://docs.snowflake.com/en/user-guide/querying-semistructured
CREATE OR REPLACE TABLE car_sales
(
  src variant
)
AS
SELECT PARSE_JSON(column1) AS src
FROM VALUES
('{
    "date" : "2017-04-28",
    "dealership" : "Valley View Auto Sales",
    "salesperson" : {
      "id": "55",
      "name": "Frank Beasley"
    },
    "customer" : [
      {"name": "Joyce Ridgely", "phone": "16504378889", "address": "San Francisco, CA"}
    ],
    "vehicle" : [
      {"make": "Honda", "model": "Civic", "year": "2017", "price": "20275", "extras":["ext warranty", "paint protection"]}
    ]
}'),
('{
    "date" : "2017-04-28",
    "dealership" : "Tindel Toyota",
    "salesperson" : {
      "id": "274",
      "name": "Greg Northrup"
    },
    "customer" : [
      {"name": "Bradley Greenbloom", "phone": "12127593751", "address": "New York, NY"}
    ],
    "vehicle" : [
      {"make": "Toyota", "model": "Camry", "year": "2017", "price": "23500", "extras":["ext warranty", "rust proofing", "fabric protection"]}
    ]
}') v;
SELECT src:salesperson.name
    FROM car_sales
    ORDER BY 1;
-- expect:
-- SRC:SALESPERSON.NAME
-- "Frank Beasley"
-- "Greg Northrup"
-- end

-- name: car-sales-bracket-notation
-- source: https://docs.snowflake.com/en/user-guide/querying-semistructured
CREATE OR REPLACE TABLE car_sales
(
  src variant
)
AS
SELECT PARSE_JSON(column1) AS src
FROM VALUES
('{
    "date" : "2017-04-28",
    "dealership" : "Valley View Auto Sales",
    "salesperson" : {
      "id": "55",
      "name": "Frank Beasley"
    },
    "customer" : [
      {"name": "Joyce Ridgely", "phone": "16504378889", "address": "San Francisco, CA"}
    ],
    "vehicle" : [
      {"make": "Honda", "model": "Civic", "year": "2017", "price": "20275", "extras":["ext warranty", "paint protection"]}
    ]
}'),
('{
    "date" : "2017-04-28",
    "dealership" : "Tindel Toyota",
    "salesperson" : {
      "id": "274",
      "name": "Greg Northrup"
    },
    "customer" : [
      {"name": "Bradley Greenbloom", "phone": "12127593751", "address": "New York, NY"}
    ],
    "vehicle" : [
      {"make": "Toyota", "model": "Camry", "year": "2017", "price": "23500", "extras":["ext warranty", "rust proofing", "fabric protection"]}
    ]
}') v;
SELECT src['salesperson']['name']
    FROM car_sales
    ORDER BY 1;
-- expect:
-- SRC['SALESPERSON']['NAME']
-- "Frank Beasley"
-- "Greg Northrup"
-- end

-- name: car-sales-array-index-then-field
-- source: https://docs.snowflake.com/en/user-guide/querying-semistructured
CREATE OR REPLACE TABLE car_sales
(
  src variant
)
AS
SELECT PARSE_JSON(column1) AS src
FROM VALUES
('{
    "date" : "2017-04-28",
    "dealership" : "Valley View Auto Sales",
    "salesperson" : {
      "id": "55",
      "name": "Frank Beasley"
    },
    "customer" : [
      {"name": "Joyce Ridgely", "phone": "16504378889", "address": "San Francisco, CA"}
    ],
    "vehicle" : [
      {"make": "Honda", "model": "Civic", "year": "2017", "price": "20275", "extras":["ext warranty", "paint protection"]}
    ]
}'),
('{
    "date" : "2017-04-28",
    "dealership" : "Tindel Toyota",
    "salesperson" : {
      "id": "274",
      "name": "Greg Northrup"
    },
    "customer" : [
      {"name": "Bradley Greenbloom", "phone": "12127593751", "address": "New York, NY"}
    ],
    "vehicle" : [
      {"make": "Toyota", "model": "Camry", "year": "2017", "price": "23500", "extras":["ext warranty", "rust proofing", "fabric protection"]}
    ]
}') v;
SELECT src:customer[0].name, src:vehicle[0].price
    FROM car_sales
    ORDER BY 1;
-- expect:
-- SRC:CUSTOMER[0].NAME|SRC:VEHICLE[0].PRICE
-- "Bradley Greenbloom"|"23500"
-- "Joyce Ridgely"|"20275"
-- end

-- name: car-sales-cast-path-to-number
-- source: https://docs.snowflake.com/en/user-guide/querying-semistructured
-- note: values copied as printed (2027.5 / 2350.0); the docs do not state the result scale
CREATE OR REPLACE TABLE car_sales
(
  src variant
)
AS
SELECT PARSE_JSON(column1) AS src
FROM VALUES
('{
    "date" : "2017-04-28",
    "dealership" : "Valley View Auto Sales",
    "salesperson" : {
      "id": "55",
      "name": "Frank Beasley"
    },
    "customer" : [
      {"name": "Joyce Ridgely", "phone": "16504378889", "address": "San Francisco, CA"}
    ],
    "vehicle" : [
      {"make": "Honda", "model": "Civic", "year": "2017", "price": "20275", "extras":["ext warranty", "paint protection"]}
    ]
}'),
('{
    "date" : "2017-04-28",
    "dealership" : "Tindel Toyota",
    "salesperson" : {
      "id": "274",
      "name": "Greg Northrup"
    },
    "customer" : [
      {"name": "Bradley Greenbloom", "phone": "12127593751", "address": "New York, NY"}
    ],
    "vehicle" : [
      {"make": "Toyota", "model": "Camry", "year": "2017", "price": "23500", "extras":["ext warranty", "rust proofing", "fabric protection"]}
    ]
}') v;
SELECT src:vehicle[0].price::NUMBER * 0.10 AS tax
    FROM car_sales
    ORDER BY tax;
-- expect:
-- TAX
-- 2027.5
-- 2350.0
-- end

-- name: car-sales-cast-path-to-varchar
-- source: https://docs.snowflake.com/en/user-guide/querying-semistructured
CREATE OR REPLACE TABLE car_sales
(
  src variant
)
AS
SELECT PARSE_JSON(column1) AS src
FROM VALUES
('{
    "date" : "2017-04-28",
    "dealership" : "Valley View Auto Sales",
    "salesperson" : {
      "id": "55",
      "name": "Frank Beasley"
    },
    "customer" : [
      {"name": "Joyce Ridgely", "phone": "16504378889", "address": "San Francisco, CA"}
    ],
    "vehicle" : [
      {"make": "Honda", "model": "Civic", "year": "2017", "price": "20275", "extras":["ext warranty", "paint protection"]}
    ]
}'),
('{
    "date" : "2017-04-28",
    "dealership" : "Tindel Toyota",
    "salesperson" : {
      "id": "274",
      "name": "Greg Northrup"
    },
    "customer" : [
      {"name": "Bradley Greenbloom", "phone": "12127593751", "address": "New York, NY"}
    ],
    "vehicle" : [
      {"make": "Toyota", "model": "Camry", "year": "2017", "price": "23500", "extras":["ext warranty", "rust proofing", "fabric protection"]}
    ]
}') v;
SELECT src:dealership, src:dealership::VARCHAR
    FROM car_sales
    ORDER BY 2;
-- expect:
-- SRC:DEALERSHIP|SRC:DEALERSHIP::VARCHAR
-- "Tindel Toyota"|Tindel Toyota
-- "Valley View Auto Sales"|Valley View Auto Sales
-- end

-- name: car-sales-lateral-flatten-cast-string
-- source: https://docs.snowflake.com/en/user-guide/querying-semistructured
-- note: no ORDER BY in the docs; rows printed in table insertion order
CREATE OR REPLACE TABLE car_sales
(
  src variant
)
AS
SELECT PARSE_JSON(column1) AS src
FROM VALUES
('{
    "date" : "2017-04-28",
    "dealership" : "Valley View Auto Sales",
    "salesperson" : {
      "id": "55",
      "name": "Frank Beasley"
    },
    "customer" : [
      {"name": "Joyce Ridgely", "phone": "16504378889", "address": "San Francisco, CA"}
    ],
    "vehicle" : [
      {"make": "Honda", "model": "Civic", "year": "2017", "price": "20275", "extras":["ext warranty", "paint protection"]}
    ]
}'),
('{
    "date" : "2017-04-28",
    "dealership" : "Tindel Toyota",
    "salesperson" : {
      "id": "274",
      "name": "Greg Northrup"
    },
    "customer" : [
      {"name": "Bradley Greenbloom", "phone": "12127593751", "address": "New York, NY"}
    ],
    "vehicle" : [
      {"make": "Toyota", "model": "Camry", "year": "2017", "price": "23500", "extras":["ext warranty", "rust proofing", "fabric protection"]}
    ]
}') v;
SELECT
  value:name::string as "Customer Name",
  value:address::string as "Address"
  FROM
    car_sales
  , LATERAL FLATTEN(INPUT => SRC:customer);
-- expect:
-- Customer Name|Address
-- Joyce Ridgely|San Francisco, CA
-- Bradley Greenbloom|New York, NY
-- end

-- name: car-sales-lateral-flatten-nested-arrays
-- source: https://docs.snowflake.com/en/user-guide/querying-semistructured
CREATE OR REPLACE TABLE car_sales
(
  src variant
)
AS
SELECT PARSE_JSON(column1) AS src
FROM VALUES
('{
    "date" : "2017-04-28",
    "dealership" : "Valley View Auto Sales",
    "salesperson" : {
      "id": "55",
      "name": "Frank Beasley"
    },
    "customer" : [
      {"name": "Joyce Ridgely", "phone": "16504378889", "address": "San Francisco, CA"}
    ],
    "vehicle" : [
      {"make": "Honda", "model": "Civic", "year": "2017", "price": "20275", "extras":["ext warranty", "paint protection"]}
    ]
}'),
('{
    "date" : "2017-04-28",
    "dealership" : "Tindel Toyota",
    "salesperson" : {
      "id": "274",
      "name": "Greg Northrup"
    },
    "customer" : [
      {"name": "Bradley Greenbloom", "phone": "12127593751", "address": "New York, NY"}
    ],
    "vehicle" : [
      {"make": "Toyota", "model": "Camry", "year": "2017", "price": "23500", "extras":["ext warranty", "rust proofing", "fabric protection"]}
    ]
}') v;
SELECT
  vm.value:make::string as make,
  vm.value:model::string as model,
  ve.value::string as "Extras Purchased"
  FROM
    car_sales
    , LATERAL FLATTEN(INPUT => SRC:vehicle) vm
    , LATERAL FLATTEN(INPUT => vm.value:extras) ve
  ORDER BY make, model, "Extras Purchased";
-- expect:
-- MAKE|MODEL|Extras Purchased
-- Honda|Civic|ext warranty
-- Honda|Civic|paint protection
-- Toyota|Camry|ext warranty
-- Toyota|Camry|fabric protection
-- Toyota|Camry|rust proofing
-- end

-- name: car-sales-get-path-function
-- source: https://docs.snowflake.com/en/user-guide/querying-semistructured
-- note: no ORDER BY in the docs; rows printed in table insertion order
CREATE OR REPLACE TABLE car_sales
(
  src variant
)
AS
SELECT PARSE_JSON(column1) AS src
FROM VALUES
('{
    "date" : "2017-04-28",
    "dealership" : "Valley View Auto Sales",
    "salesperson" : {
      "id": "55",
      "name": "Frank Beasley"
    },
    "customer" : [
      {"name": "Joyce Ridgely", "phone": "16504378889", "address": "San Francisco, CA"}
    ],
    "vehicle" : [
      {"make": "Honda", "model": "Civic", "year": "2017", "price": "20275", "extras":["ext warranty", "paint protection"]}
    ]
}'),
('{
    "date" : "2017-04-28",
    "dealership" : "Tindel Toyota",
    "salesperson" : {
      "id": "274",
      "name": "Greg Northrup"
    },
    "customer" : [
      {"name": "Bradley Greenbloom", "phone": "12127593751", "address": "New York, NY"}
    ],
    "vehicle" : [
      {"make": "Toyota", "model": "Camry", "year": "2017", "price": "23500", "extras":["ext warranty", "rust proofing", "fabric protection"]}
    ]
}') v;
SELECT GET_PATH(src, 'vehicle[0]:make') FROM car_sales;
-- expect:
-- GET_PATH(SRC, 'VEHICLE[0]:MAKE')
-- "Honda"
-- "Toyota"
-- end

-- name: lateral-flatten-object-where-value-like
-- source: https://docs.snowflake.com/en/user-guide/querying-semistructured
-- note: no ORDER BY in the docs; rows printed in insertion order
CREATE TABLE pets (v variant);
INSERT INTO pets SELECT PARSE_JSON ('{"species":"dog", "name":"Fido", "is_dog":"true"} ');
INSERT INTO pets SELECT PARSE_JSON ('{"species":"cat", "name":"Bubby", "is_dog":"false"}');
INSERT INTO pets SELECT PARSE_JSON ('{"species":"cat", "name":"dog terror", "is_dog":"false"}');
SELECT a.v, b.key, b.value FROM pets a,LATERAL FLATTEN(input => a.v) b
WHERE b.value LIKE '%dog%';
-- expect:
-- V|KEY|VALUE
-- {"is_dog":"true","name":"Fido","species":"dog"}|species|"dog"
-- {"is_dog":"false","name":"dog terror","species":"cat"}|name|"dog terror"
-- end

-- name: flatten-path-argument
-- source: https://docs.snowflake.com/en/sql-reference/functions/flatten
SELECT * FROM TABLE(FLATTEN(INPUT => PARSE_JSON('{"a":1, "b":[77,88]}'), PATH => 'b')) f;
-- expect:
-- SEQ|KEY|PATH|INDEX|VALUE|THIS
-- 1|NULL|b[0]|0|77|[77,88]
-- 1|NULL|b[1]|1|88|[77,88]
-- end

-- name: flatten-empty-array-no-rows
-- source: https://docs.snowflake.com/en/sql-reference/functions/flatten
-- note: the documented result has the header and zero rows
SELECT * FROM TABLE(FLATTEN(INPUT => PARSE_JSON('[]'))) f;
-- expect:
-- SEQ|KEY|PATH|INDEX|VALUE|THIS
-- end

-- name: flatten-empty-array-outer
-- source: https://docs.snowflake.com/en/sql-reference/functions/flatten
-- note: PATH is printed blank (empty string, not NULL) in the docs
SELECT * FROM TABLE(FLATTEN(INPUT => PARSE_JSON('[]'), OUTER => TRUE)) f;
-- expect:
-- SEQ|KEY|PATH|INDEX|VALUE|THIS
-- 1|NULL||NULL|NULL|[]
-- end

-- name: flatten-object-non-recursive
-- source: https://docs.snowflake.com/en/sql-reference/functions/flatten
SELECT * FROM TABLE(FLATTEN(INPUT => PARSE_JSON('{"a":1, "b":[77,88], "c": {"d":"X"}}'))) f;
-- expect:
-- SEQ|KEY|PATH|INDEX|VALUE|THIS
-- 1|a|a|NULL|1|{"a":1,"b":[77,88],"c":{"d":"X"}}
-- 1|b|b|NULL|[77,88]|{"a":1,"b":[77,88],"c":{"d":"X"}}
-- 1|c|c|NULL|{"d":"X"}|{"a":1,"b":[77,88],"c":{"d":"X"}}
-- end

-- name: flatten-object-recursive
-- source: https://docs.snowflake.com/en/sql-reference/functions/flatten
SELECT * FROM TABLE(FLATTEN(INPUT => PARSE_JSON('{"a":1, "b":[77,88], "c": {"d":"X"}}'),
                            RECURSIVE => TRUE )) f;
-- expect:
-- SEQ|KEY|PATH|INDEX|VALUE|THIS
-- 1|a|a|NULL|1|{"a":1,"b":[77,88],"c":{"d":"X"}}
-- 1|b|b|NULL|[77,88]|{"a":1,"b":[77,88],"c":{"d":"X"}}
-- 1|NULL|b[0]|0|77|[77,88]
-- 1|NULL|b[1]|1|88|[77,88]
-- 1|c|c|NULL|{"d":"X"}|{"a":1,"b":[77,88],"c":{"d":"X"}}
-- 1|d|c.d|NULL|"X"|{"d":"X"}
-- end

-- name: lateral-flatten-chained-nested-arrays
-- source: https://docs.snowflake.com/en/sql-reference/constructs/join-lateral
-- note: no ORDER BY in the docs; rows printed in insertion/array order
CREATE OR REPLACE TABLE persons AS
  SELECT column1 AS id, PARSE_JSON(column2) AS c
    FROM VALUES
      (12712555,
       '{ "name": { "first": "John", "last": "Smith" },
          "contact": [{ "business": [
            { "type": "phone", "content": "555-1234" },
            { "type": "email", "content": "j.smith@example.com" }
          ]}]}'),
      (98127771,
       '{ "name": { "first": "Jane", "last": "Doe" },
          "contact": [{ "business": [
            { "type": "phone", "content": "555-1236" },
            { "type": "email", "content": "j.doe@example.com" }
          ]}]}');
SELECT id,
    f1.value:type::STRING AS contact_type,
    f1.value:content::STRING AS contact_details
  FROM persons p,
    LATERAL FLATTEN(INPUT => p.c, PATH => 'contact') f,
    LATERAL FLATTEN(INPUT => f.value:business) f1;
-- expect:
-- ID|CONTACT_TYPE|CONTACT_DETAILS
-- 12712555|phone|555-1234
-- 12712555|email|j.smith@example.com
-- 98127771|phone|555-1236
-- 98127771|email|j.doe@example.com
-- end

-- name: lateral-flatten-array-column
-- source: https://docs.snowflake.com/en/user-guide/lateral-join-using
-- note: the page also creates and fills a `departments` table that this query does not use; it is left out. ORDER BY is on employee_ID only; within an employee the docs print array order
CREATE TABLE employees (employee_ID INTEGER, last_name VARCHAR,
  department_ID INTEGER, project_names ARRAY);
INSERT INTO employees (employee_ID, last_name, department_ID) VALUES
  (101, 'Richards', 1),
  (102, 'Paulson',  1),
  (103, 'Johnson',  2);
UPDATE employees SET project_names = ARRAY_CONSTRUCT('Materialized Views', 'UDFs')
  WHERE employee_ID = 101;
UPDATE employees SET project_names = ARRAY_CONSTRUCT('Materialized Views', 'Lateral Joins')
  WHERE employee_ID = 102;
SELECT emp.employee_ID, emp.last_name, index, value AS project_name
  FROM employees AS emp,
    LATERAL FLATTEN(INPUT => emp.project_names) AS proj_names
  ORDER BY employee_ID;
-- expect:
-- EMPLOYEE_ID|LAST_NAME|INDEX|PROJECT_NAME
-- 101|Richards|0|"Materialized Views"
-- 101|Richards|1|"UDFs"
-- 102|Paulson|0|"Materialized Views"
-- 102|Paulson|1|"Lateral Joins"
-- end

-- name: object-construct-drops-sql-null
-- source: https://docs.snowflake.com/en/sql-reference/functions/object_construct
SELECT OBJECT_CONSTRUCT('a', 1, 'b', 'BBBB', 'c', NULL);
-- expect:
-- OBJECT_CONSTRUCT('A', 1, 'B', 'BBBB', 'C', NULL)
-- {"a":1,"b":"BBBB"}
-- end

-- name: object-construct-json-null-kept
-- source: https://docs.snowflake.com/en/sql-reference/functions/object_construct
SELECT OBJECT_CONSTRUCT(
  'Key_One', PARSE_JSON('NULL'),
  'Key_Two', NULL,
  'Key_Three', 'null') AS obj;
-- expect:
-- OBJ
-- {"Key_One":null,"Key_Three":"null"}
-- end

-- name: object-construct-star-from-values
-- source: https://docs.snowflake.com/en/sql-reference/functions/object_construct
-- note: no ORDER BY in the docs; rows printed in VALUES order
SELECT OBJECT_CONSTRUCT(*) FROM VALUES(1,'x'), (2,'y');
-- expect:
-- OBJECT_CONSTRUCT(*)
-- {"COLUMN1":1,"COLUMN2":"x"}
-- {"COLUMN1":2,"COLUMN2":"y"}
-- end

-- name: object-construct-keep-null
-- source: https://docs.snowflake.com/en/sql-reference/functions/object_construct_keep_null
SELECT OBJECT_CONSTRUCT('key_1', 'one', 'key_2', NULL) AS WITHOUT_KEEP_NULL,
       OBJECT_CONSTRUCT_KEEP_NULL('key_1', 'one', 'key_2', NULL) AS KEEP_NULL_1,
       OBJECT_CONSTRUCT_KEEP_NULL('key_1', 'one', NULL, 'two') AS KEEP_NULL_2;
-- expect:
-- WITHOUT_KEEP_NULL|KEEP_NULL_1|KEEP_NULL_2
-- {"key_1":"one"}|{"key_1":"one","key_2":null}|{"key_1":"one"}
-- end

-- name: array-construct-sql-null-and-json-null
-- source: https://docs.snowflake.com/en/sql-reference/functions/array_construct
-- note: SQL NULL elements print as `undefined`, JSON null as `null`; 3::DOUBLE prints in exponent form. Written as the docs print them (not valid JSON)
SELECT ARRAY_CONSTRUCT(NULL, PARSE_JSON('null'), 'hello', 3::DOUBLE, 4, 5);
-- expect:
-- ARRAY_CONSTRUCT(NULL, PARSE_JSON('NULL'), 'HELLO', 3::DOUBLE, 4, 5)
-- [undefined,null,"hello",3.000000000000000e+00,4,5]
-- end

-- name: array-size-variant-column
-- source: https://docs.snowflake.com/en/sql-reference/functions/array_size
-- note: no ORDER BY in the docs; rows printed in VALUES order. The JSON input uses unquoted keys, which PARSE_JSON accepts here
CREATE OR replace TABLE colors (v variant);
INSERT INTO
   colors
   SELECT
      parse_json(column1) AS v
   FROM
   VALUES
     ('[{r:255,g:12,b:0},{r:0,g:255,b:0},{r:0,g:0,b:255}]'),
     ('[{r:255,g:128,b:0},{r:128,g:255,b:0},{r:0,g:255,b:128},{r:0,g:128,b:255},{r:128,g:0,b:255},{r:255,g:0,b:128}]')
    v;
SELECT ARRAY_SIZE(v) from colors;
-- expect:
-- ARRAY_SIZE(V)
-- 3
-- 6
-- end

-- name: get-last-array-element
-- source: https://docs.snowflake.com/en/sql-reference/functions/array_size
-- note: no ORDER BY in the docs; rows printed in VALUES order. Object keys print in sorted order
CREATE OR replace TABLE colors (v variant);
INSERT INTO
   colors
   SELECT
      parse_json(column1) AS v
   FROM
   VALUES
     ('[{r:255,g:12,b:0},{r:0,g:255,b:0},{r:0,g:0,b:255}]'),
     ('[{r:255,g:128,b:0},{r:128,g:255,b:0},{r:0,g:255,b:128},{r:0,g:128,b:255},{r:128,g:0,b:255},{r:255,g:0,b:128}]')
    v;
SELECT GET(v, ARRAY_SIZE(v)-1) FROM colors;
-- expect:
-- GET(V, ARRAY_SIZE(V)-1)
-- {"b":255,"g":0,"r":0}
-- {"b":128,"g":0,"r":255}
-- end

-- name: colon-path-quoted-identifiers-and-index
-- source: https://docs.snowflake.com/en/sql-reference/functions/get_path
-- note: no ORDER BY in the docs; rows printed in insertion order
CREATE OR REPLACE TABLE get_path_demo(
  id INTEGER,
  v  VARIANT);
INSERT INTO get_path_demo (id, v)
  SELECT 1,
         PARSE_JSON('{
           "array1" : [
             {"id1": "value_a1", "id2": "value_a2", "id3": "value_a3"}
           ],
           "array2" : [
             {"id1": "value_b1", "id2": "value_b2", "id3": "value_b3"}
           ],
           "object_outer_key1" : {
             "object_inner_key1a": "object_x1",
             "object_inner_key1b": "object_x2"
           }
         }');
INSERT INTO get_path_demo (id, v)
  SELECT 2,
         PARSE_JSON('{
           "array1" : [
             {"id1": "value_c1", "id2": "value_c2", "id3": "value_c3"}
           ],
           "array2" : [
             {"id1": "value_d1", "id2": "value_d2", "id3": "value_d3"}
           ],
           "object_outer_key1" : {
             "object_inner_key1a": "object_y1",
             "object_inner_key1b": "object_y2"
           }
         }');
SELECT id,
       v:"array2"[0]."id3" AS id3_in_array2
  FROM get_path_demo;
-- expect:
-- ID|ID3_IN_ARRAY2
-- 1|"value_b3"
-- 2|"value_d3"
-- end

-- name: object-bracket-vs-colon-access
-- source: https://docs.snowflake.com/en/sql-reference/data-types-semistructured
CREATE OR REPLACE TABLE object_example (object_column OBJECT);
INSERT INTO object_example (object_column)
  SELECT OBJECT_CONSTRUCT('thirteen', 13::VARIANT, 'zero', 0::VARIANT);
SELECT object_column['thirteen'],
       object_column:thirteen
  FROM object_example;
-- expect:
-- OBJECT_COLUMN['THIRTEEN']|OBJECT_COLUMN:THIRTEEN
-- 13|13
-- end

-- name: array-agg-within-group
-- source: https://docs.snowflake.com/en/sql-reference/functions/array_agg
CREATE TABLE orders (
  o_orderkey INTEGER,
  o_clerk VARCHAR,
  o_totalprice NUMBER(12, 2),
  o_orderstatus CHAR(1)
);
INSERT INTO orders (o_orderkey, o_orderstatus, o_clerk, o_totalprice)
  VALUES
    ( 32123, 'O', 'Clerk#000000321',     321.23),
    ( 41445, 'F', 'Clerk#000000386', 1041445.00),
    ( 55937, 'O', 'Clerk#000000114', 1055937.00),
    ( 67781, 'F', 'Clerk#000000521', 1067781.00),
    ( 80550, 'O', 'Clerk#000000411', 1080550.00),
    ( 95808, 'F', 'Clerk#000000136', 1095808.00),
    (101700, 'O', 'Clerk#000000220', 1101700.00),
    (103136, 'F', 'Clerk#000000508', 1103136.00);
SELECT ARRAY_AGG(o_orderkey) WITHIN GROUP (ORDER BY o_orderkey ASC)
  FROM orders
  WHERE o_totalprice > 450000;
-- expect:
-- ARRAY_AGG(O_ORDERKEY) WITHIN GROUP (ORDER BY O_ORDERKEY ASC)
-- [41445,55937,67781,80550,95808,101700,103136]
-- end

-- name: object-agg-group-by
-- source: https://docs.snowflake.com/en/sql-reference/functions/object_agg
-- note: GROUP BY without ORDER BY in the docs; the printed row order (g = 1 first) is not guaranteed, compare as a set
CREATE OR REPLACE TABLE objectagg_example(g NUMBER, k VARCHAR(30), v VARIANT);
INSERT INTO objectagg_example SELECT 0, 'name', 'Joe'::VARIANT;
INSERT INTO objectagg_example SELECT 0, 'age', 21::VARIANT;
INSERT INTO objectagg_example SELECT 1, 'name', 'Sue'::VARIANT;
INSERT INTO objectagg_example SELECT 1, 'zip', 94401::VARIANT;
SELECT OBJECT_AGG(k, v) FROM objectagg_example GROUP BY g;
-- expect:
-- OBJECT_AGG(K, V)
-- {"name":"Sue","zip":94401}
-- {"age":21,"name":"Joe"}
-- end
