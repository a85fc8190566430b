package dev.snowpipecdc.component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Rough sizes of rows, to cut a batch into inserts the SDK takes comfortably (it warns above 16 MiB per call and
 * buffers everything in memory). An estimate of the values' serialised size, not an exact count.
 */
public final class RowSizes {

    private RowSizes() {
    }

    /** The rows in order, cut into consecutive chunks of at most {@code maxBytes} each (a larger row alone). */
    static List<List<Map<String, Object>>> chunks(List<Map<String, Object>> rows, long maxBytes) {
        List<List<Map<String, Object>>> chunks = new ArrayList<>();
        List<Map<String, Object>> current = new ArrayList<>();
        long size = 0;
        for (Map<String, Object> row : rows) {
            long rowSize = estimate(row);
            if (!current.isEmpty() && size + rowSize > maxBytes) {
                chunks.add(current);
                current = new ArrayList<>();
                size = 0;
            }
            current.add(row);
            size += rowSize;
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    /** The value's size as JSON text, roughly, in characters. */
    public static long estimate(Object value) {
        if (value == null) {
            return 4;
        }
        if (value instanceof CharSequence text) {
            return text.length() + 2L;
        }
        if (value instanceof Map<?, ?> map) {
            long size = 2;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                size += String.valueOf(entry.getKey()).length() + 4L + estimate(entry.getValue());
            }
            return size;
        }
        if (value instanceof Collection<?> list) {
            long size = 2;
            for (Object element : list) {
                size += 1 + estimate(element);
            }
            return size;
        }
        if (value instanceof byte[] bytes) {
            return bytes.length;
        }
        return String.valueOf(value).length();
    }
}
