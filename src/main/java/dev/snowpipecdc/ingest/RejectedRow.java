package dev.snowpipecdc.ingest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A row the warehouse refused.
 *
 * @param index 0-based position of the row in the batch it was sent in
 * @param row the row as it was sent
 * @param code the service's error code (e.g. Snowflake's 4-digit SDK vendor code)
 * @param message why it was refused, naming the column
 */
public record RejectedRow(int index, Map<String, Object> row, String code, String message) {

    /** The rows of {@code rows} that are not among {@code rejected}, in order. */
    public static List<Map<String, Object>> others(List<Map<String, Object>> rows, List<RejectedRow> rejected) {
        Set<Integer> refused = new HashSet<>();
        rejected.forEach(r -> refused.add(r.index()));
        List<Map<String, Object>> kept = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            if (!refused.contains(i)) {
                kept.add(rows.get(i));
            }
        }
        return kept;
    }
}
