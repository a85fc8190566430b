package dev.snowpipecdc.emulator.sql;

import static dev.snowpipecdc.emulator.sql.EmulatorCatalog.lit;

import java.util.List;
import java.util.Optional;

/**
 * Snowflake's INFORMATION_SCHEMA views the embedded warehouse answers itself, with Snowflake's columns and type
 * names, from DuckDB's catalog: COLUMNS. Other INFORMATION_SCHEMA views are DuckDB's.
 */
final class InformationSchema {

    private static final String NUMBER_TYPES = "'BIGINT', 'INTEGER', 'SMALLINT', 'TINYINT', 'HUGEINT', 'UBIGINT',"
            + " 'UINTEGER', 'USMALLINT', 'UTINYINT'";

    private InformationSchema() {
    }

    /** The view named by {@code nameParts} ([db.]INFORMATION_SCHEMA.view), in {@code database} by default. */
    static Optional<String> view(List<String> nameParts, String database) {
        int n = nameParts.size();
        if (n < 2 || !nameParts.get(n - 2).equals("INFORMATION_SCHEMA")) {
            return Optional.empty();
        }
        String db = n == 3 ? nameParts.get(0) : database;
        return switch (nameParts.get(n - 1)) {
            case "COLUMNS" -> Optional.of(columns(db));
            default -> Optional.empty();
        };
    }

    private static String columns(String database) {
        String sequence = "regexp_extract(c.column_default, '^nextval\\(''(.*)''\\)$', 1)";
        String identity = "(c.column_default LIKE 'nextval(%')";
        String varchar = "c.data_type = 'VARCHAR'";
        return "(SELECT c.database_name AS \"TABLE_CATALOG\", c.schema_name AS \"TABLE_SCHEMA\","
                + " c.table_name AS \"TABLE_NAME\", c.column_name AS \"COLUMN_NAME\","
                + " c.column_index AS \"ORDINAL_POSITION\","
                + " CASE WHEN " + identity + " THEN NULL ELSE c.column_default END AS \"COLUMN_DEFAULT\","
                + " CASE WHEN c.is_nullable THEN 'YES' ELSE 'NO' END AS \"IS_NULLABLE\","
                + " CASE WHEN c.data_type LIKE 'DECIMAL%' OR c.data_type IN (" + NUMBER_TYPES + ") THEN 'NUMBER'"
                + " WHEN c.data_type IN ('DOUBLE', 'FLOAT') THEN 'FLOAT' WHEN " + varchar + " THEN 'TEXT'"
                + " WHEN c.data_type = 'TIMESTAMP' THEN 'TIMESTAMP_NTZ'"
                + " WHEN c.data_type = 'TIMESTAMP WITH TIME ZONE' THEN 'TIMESTAMP_LTZ'"
                + " WHEN c.data_type = 'JSON' THEN 'VARIANT' WHEN c.data_type = 'BLOB' THEN 'BINARY'"
                + " ELSE c.data_type END AS \"DATA_TYPE\","
                + " CASE WHEN " + varchar + " THEN 16777216 END AS \"CHARACTER_MAXIMUM_LENGTH\","
                + " CASE WHEN " + varchar + " THEN 16777216 END AS \"CHARACTER_OCTET_LENGTH\","
                + " CASE WHEN c.data_type IN (" + NUMBER_TYPES + ") THEN 38 ELSE c.numeric_precision END"
                + " AS \"NUMERIC_PRECISION\","
                + " CASE WHEN c.numeric_precision IS NOT NULL THEN 10 END AS \"NUMERIC_PRECISION_RADIX\","
                + " CASE WHEN c.data_type IN (" + NUMBER_TYPES + ") THEN 0 ELSE c.numeric_scale END"
                + " AS \"NUMERIC_SCALE\","
                + " CASE WHEN c.data_type LIKE 'TIMESTAMP%' OR c.data_type = 'TIME' THEN 9 END"
                + " AS \"DATETIME_PRECISION\","
                + nulls("INTERVAL_TYPE", "INTERVAL_PRECISION", "CHARACTER_SET_CATALOG", "CHARACTER_SET_SCHEMA",
                        "CHARACTER_SET_NAME", "COLLATION_CATALOG", "COLLATION_SCHEMA", "COLLATION_NAME",
                        "DOMAIN_CATALOG", "DOMAIN_SCHEMA", "DOMAIN_NAME", "UDT_CATALOG", "UDT_SCHEMA", "UDT_NAME",
                        "SCOPE_CATALOG", "SCOPE_SCHEMA", "SCOPE_NAME", "MAXIMUM_CARDINALITY", "DTD_IDENTIFIER")
                + " 'NO' AS \"IS_SELF_REFERENCING\","
                + " CASE WHEN " + identity + " THEN 'YES' ELSE 'NO' END AS \"IS_IDENTITY\","
                + " CAST(NULL AS VARCHAR) AS \"IDENTITY_GENERATION\","
                + " CAST(s.start_value AS VARCHAR) AS \"IDENTITY_START\","
                + " CAST(s.increment_by AS VARCHAR) AS \"IDENTITY_INCREMENT\","
                + nulls("IDENTITY_MAXIMUM", "IDENTITY_MINIMUM")
                + " CASE WHEN " + identity + " THEN 'NO' END AS \"IDENTITY_CYCLE\","
                + " CASE WHEN " + identity + " THEN 'YES' END AS \"IDENTITY_ORDERED\","
                + " CAST(NULL AS VARCHAR) AS \"SCHEMA_EVOLUTION_RECORD\", c.comment AS \"COMMENT\","
                + nulls("DATA_TYPE_ALIAS", "EXPRESSION") + " CAST(NULL AS VARCHAR) AS \"KIND\""
                + " FROM duckdb_columns() AS c LEFT JOIN duckdb_sequences() AS s ON " + sequence + " IN ("
                + "'\"' || s.database_name || '\".\"' || s.schema_name || '\".\"' || s.sequence_name || '\"',"
                + " '\"' || s.sequence_name || '\"', s.sequence_name)"
                + " WHERE c.database_name = " + lit(database) + " AND c.schema_name NOT IN ("
                + lit(EmulatorCatalog.SCHEMA) + ", 'information_schema', 'pg_catalog')"
                + " AND NOT starts_with(c.table_name, 'STREAM_BASE$'))";
    }

    private static String nulls(String... columns) {
        StringBuilder out = new StringBuilder();
        for (String column : columns) {
            out.append(" CAST(NULL AS VARCHAR) AS \"").append(column).append("\",");
        }
        return out.toString();
    }
}
