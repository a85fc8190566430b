-- Quality: the current-state table {{TABLE}} and the current versions of {{TABLE}}_SCD must hold the same keys
-- (a live key has one current version, a deleted key none) with the same tracked values ({{TRACKED}}).
SELECT 'current_matches_history' AS CHECK_NAME, '{{TABLE}}' AS TABLE_NAME,
       COALESCE({{KEY_TEXT:c.}}, {{KEY_TEXT:h.}}) AS KEY_VALUE,
       CASE WHEN c._TX_POSITION IS NULL THEN 'current version without a current row'
            WHEN h._TX_POSITION IS NULL THEN 'current row without a current version'
            ELSE 'current row and current version differ in tracked columns' END AS DETAIL
FROM {{TABLE}} c
FULL OUTER JOIN (SELECT * FROM {{TABLE}}_SCD WHERE IS_CURRENT) h ON {{KEYS_JOIN:c:h}}
WHERE c._TX_POSITION IS NULL OR h._TX_POSITION IS NULL OR NOT ({{TRACKED_MATCH:c:h}})
