package dev.snowpipecdc.ingest.validation;

import java.util.OptionalInt;

/**
 * A table column as Snowflake's {@code INFORMATION_SCHEMA.COLUMNS} describes it.
 *
 * @param name the column's name, as the rows spell their keys
 * @param dataType {@code DATA_TYPE}: NUMBER, FLOAT, TEXT, BOOLEAN, DATE, TIME, TIMESTAMP_LTZ, TIMESTAMP_NTZ,
 *                 TIMESTAMP_TZ, VARIANT, OBJECT, ARRAY, BINARY, ...
 * @param maxLength characters of a TEXT column (bytes of a BINARY one), when the table says
 * @param precision digits of a NUMBER column
 * @param scale digits after the point of a NUMBER column
 * @param nullable false for a NOT NULL column
 * @param filledByTable true when the table may fill a missing value itself (a DEFAULT or an identity column): the
 *                      check leaves a missing value in such a NOT NULL column to the server
 */
public record ColumnShape(String name, String dataType, OptionalInt maxLength, OptionalInt precision,
                          OptionalInt scale, boolean nullable, boolean filledByTable) {
}
