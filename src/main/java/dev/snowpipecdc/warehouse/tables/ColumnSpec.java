package dev.snowpipecdc.warehouse.tables;

import java.util.regex.Pattern;

/**
 * One column of a captured table: its name in the source (the key in the change's BEFORE/AFTER objects, case
 * kept), its name in the warehouse, and its Snowflake type.
 */
public record ColumnSpec(String sourceName, String name, String type) {

    /** A type name with an optional (precision[, scale]): nothing else may reach the DDL. */
    private static final Pattern TYPE = Pattern.compile("[A-Za-z][A-Za-z0-9_]*(?: ?\\(\\d+(?:, ?\\d+)?\\))?");

    public ColumnSpec {
        Identifiers.requireSimple(sourceName, "source column");
        Identifiers.requireSimple(name, "column");
        if (type == null || !TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("Column " + sourceName + " has an unsupported type '" + type
                    + "': a Snowflake type such as NUMBER(10,2), VARCHAR(255), TIMESTAMP_NTZ or VARIANT");
        }
    }

    /** A column named in the warehouse as in the source, upper-cased (Snowflake's unquoted-identifier rule). */
    public static ColumnSpec of(String sourceName, String type) {
        return new ColumnSpec(sourceName, Identifiers.warehouseName(sourceName, "source column"), type);
    }

    /** The name as rendered SQL writes it: quoted when it is a keyword (ORDER, AT, TIME, ...). */
    public String sqlName() {
        return Identifiers.sql(name);
    }

    public boolean isVariant() {
        return type.equalsIgnoreCase("VARIANT") || type.equalsIgnoreCase("OBJECT") || type.equalsIgnoreCase("ARRAY");
    }
}
