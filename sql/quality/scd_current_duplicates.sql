-- Quality: keys with more than one current version in {{TABLE}}_SCD (there must be exactly one per live key).
-- Returns a row per violation; no rows when the history is right.
SELECT 'scd_current_duplicates' AS CHECK_NAME, '{{TABLE}}_SCD' AS TABLE_NAME, {{KEY_TEXT}} AS KEY_VALUE,
       COUNT(*) || ' current versions' AS DETAIL
FROM {{TABLE}}_SCD
WHERE IS_CURRENT
GROUP BY {{KEYS}}
HAVING COUNT(*) > 1
