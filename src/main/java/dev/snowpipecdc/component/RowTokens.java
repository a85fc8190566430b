package dev.snowpipecdc.component;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the rows of one exchange stand in their channel: each row's own offset token, from the
 * {@link SnowpipeStreamingConstants#ROW_OFFSET_TOKENS} header (one per row, in body order) or else from the
 * endpoint's offsetTokenColumn; none when neither is given (then the batch's end token stands for every row).
 * Rows are told apart by identity, so that chunks and the rows left after a refusal keep their tokens.
 */
final class RowTokens {

    private static final RowTokens NONE = new RowTokens(null, null);

    private final Map<Map<String, Object>, String> byRow;
    private final String column;

    private RowTokens(Map<Map<String, Object>, String> byRow, String column) {
        this.byRow = byRow;
        this.column = column;
    }

    static RowTokens of(List<Map<String, Object>> rows, List<?> headerTokens, String column) {
        if (headerTokens != null) {
            if (headerTokens.size() != rows.size()) {
                throw new IllegalArgumentException("Header " + SnowpipeStreamingConstants.ROW_OFFSET_TOKENS
                        + " holds " + headerTokens.size() + " tokens for " + rows.size() + " rows");
            }
            Map<Map<String, Object>, String> byRow = new IdentityHashMap<>(rows.size() * 2);
            for (int i = 0; i < rows.size(); i++) {
                Object token = headerTokens.get(i);
                byRow.put(rows.get(i), token == null ? null : token.toString());
            }
            return new RowTokens(byRow, null);
        }
        return column == null ? NONE : new RowTokens(null, column);
    }

    /** Whether each row has its own token. */
    boolean perRow() {
        return byRow != null || column != null;
    }

    /** The row's own token; null without per-row tokens. */
    String of(Map<String, Object> row) {
        if (byRow != null) {
            return byRow.get(row);
        }
        if (column != null) {
            Object token = row.get(column);
            return token == null ? null : token.toString();
        }
        return null;
    }
}
