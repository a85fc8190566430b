package dev.snowpipecdc.ingest;

import java.util.Map;

/**
 * A row the warehouse refused.
 *
 * @param index 0-based position of the row in the batch it was sent in
 * @param row the row as it was sent
 * @param code the service's error code (e.g. Snowflake's 4-digit SDK vendor code)
 * @param message why it was refused, naming the column
 */
public record RejectedRow(int index, Map<String, Object> row, String code, String message) {
}
