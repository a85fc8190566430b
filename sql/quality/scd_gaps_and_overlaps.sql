-- Quality: versions of a key in {{TABLE}}_SCD must follow each other without gap or overlap: VALID_TO of a
-- version is VALID_FROM of the next. A gap is allowed only after a delete (the row did not exist), and only a
-- current version is open-ended. Versions follow each other in commit order (_TX_POSITION). (The seed draft used
-- HAVING without GROUP BY here; QUALIFY filters on window functions.)
SELECT 'scd_gaps_and_overlaps' AS CHECK_NAME, '{{TABLE}}_SCD' AS TABLE_NAME, {{KEY_TEXT}} AS KEY_VALUE,
       'version from ' || TO_VARCHAR(VALID_FROM) || ' to ' || COALESCE(TO_VARCHAR(VALID_TO), 'now')
       || ', next from ' || COALESCE(TO_VARCHAR(LEAD(VALID_FROM) OVER (PARTITION BY {{KEYS}} ORDER BY _TX_POSITION)), 'none') AS DETAIL
FROM {{TABLE}}_SCD
QUALIFY (NOT IS_DELETED AND NOT EQUAL_NULL(VALID_TO, LEAD(VALID_FROM) OVER (PARTITION BY {{KEYS}} ORDER BY _TX_POSITION)))
     OR (IS_DELETED AND (VALID_TO IS NULL OR LEAD(VALID_FROM) OVER (PARTITION BY {{KEYS}} ORDER BY _TX_POSITION) < VALID_TO))
     OR (IS_CURRENT <> (VALID_TO IS NULL))
