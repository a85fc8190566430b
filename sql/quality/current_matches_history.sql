-- Quality: the live keys of the current-state table {{TABLE}} and the current versions of {{TABLE}}_SCD must be
-- the same keys (a version of a live key is current; a deleted key has none).
SELECT 'current_matches_history' AS CHECK_NAME, '{{TABLE}}' AS TABLE_NAME,
       COALESCE({{KEY_TEXT:c.}}, {{KEY_TEXT:h.}}) AS KEY_VALUE,
       IFF(c._TX_POSITION IS NULL, 'current version without a current row', 'current row without a current version') AS DETAIL
FROM {{TABLE}} c
FULL OUTER JOIN (SELECT * FROM {{TABLE}}_SCD WHERE IS_CURRENT) h ON {{KEYS_JOIN:c:h}}
WHERE c._TX_POSITION IS NULL OR h._TX_POSITION IS NULL
