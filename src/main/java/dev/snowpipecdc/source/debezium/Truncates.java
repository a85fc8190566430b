package dev.snowpipecdc.source.debezium;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.snowpipecdc.change.ChangeEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a captured TRUNCATE does ({@code cdc.source.truncate}). Either way it is never silent: a kept truncate is
 * logged and lands in RAW_CHANGES (operation {@code t}), where the warehouse tasks empty the current state and close
 * the history; an ignored one is logged as a WARN and counted in {@code cdc_skipped_total{reason="truncate"}}.
 */
public enum Truncates {
    /** Land it: the warehouse's current state is emptied and every current version closed as deleted. */
    APPLY,
    /** Skip it: the warehouse keeps the rows the source truncated. */
    IGNORE;

    private static final Logger LOG = LoggerFactory.getLogger(Truncates.class);

    public static Truncates of(String setting) {
        return Arrays.stream(values()).filter(t -> t.name().equalsIgnoreCase(setting.strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("cdc.source.truncate = " + setting + " is not one of "
                        + Arrays.stream(values()).map(t -> t.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", "))));
    }

    /** Logs the truncate; true when it is to be landed. */
    boolean logAndKeep(ChangeEvent truncate) {
        String what = "TRUNCATE of " + truncate.sourceSchema() + "." + truncate.table() + " at LSN " + truncate.lsn()
                + " (committed " + truncate.committedAt() + ")";
        if (this == IGNORE) {
            LOG.warn("Ignored the {}: the warehouse keeps the table's rows (cdc.source.truncate = ignore)", what);
            return false;
        }
        LOG.info("Captured the {}: the warehouse tasks empty the table and close its history", what);
        return true;
    }
}
