package dev.snowpipecdc.change;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Offset tokens for changes read from PostgreSQL: {@code PPPPPPPPPPPPPPPP-LLLLLLLLLLLLLLLL-SSSSSSSS}, three
 * zero-padded upper-case hex fields, so that string order is position order.
 * <ul>
 *   <li>P, the commit position: the commit LSN of the transaction before this one (Debezium's
 *       {@code lastCommitLsn}); for snapshot reads the snapshot's LSN. Transactions arrive in commit order, so P
 *       grows from one transaction to the next. Debezium leaves {@code lastCommitLsn} empty for the first
 *       transaction after a fresh start; that transaction gets the snapshot's LSN (or 0 without a snapshot).</li>
 *   <li>L, the change's own LSN (0 for snapshot reads): grows within a transaction.</li>
 *   <li>S, a counter that breaks ties between changes with the same P and L: rows of one snapshot, rows of a
 *       multi-row insert, the delete + create pair of a primary-key update.</li>
 * </ul>
 * Tokens of one table's channel therefore only grow, across the snapshot, the switch to streaming and restarts
 * (a restart replays changes with the same P and L in the same order, so they get the same tokens).
 */
public final class OffsetTokens {

    public static final int LENGTH = 16 + 1 + 16 + 1 + 8;

    private final Map<String, Position> lastByTable = new HashMap<>();
    private long snapshotLsn;

    /** The token of a snapshot read of {@code table} at snapshot LSN {@code lsn}. */
    public synchronized String snapshotRead(String table, long lsn) {
        snapshotLsn = lsn;
        return next(table, lsn, 0);
    }

    /** The token of a streamed change; {@code lastCommitLsn} is empty for the first transaction after a fresh start. */
    public synchronized String streamed(String table, Optional<Long> lastCommitLsn, long lsn) {
        return next(table, lastCommitLsn.orElse(snapshotLsn), lsn);
    }

    private String next(String table, long commitPosition, long lsn) {
        Position last = lastByTable.get(table);
        long sequence = last != null && last.commitPosition == commitPosition && last.lsn == lsn
                ? last.sequence + 1 : 0;
        lastByTable.put(table, new Position(commitPosition, lsn, sequence));
        return format(commitPosition, lsn, sequence);
    }

    private record Position(long commitPosition, long lsn, long sequence) {
    }

    public static String format(long commitPosition, long lsn, long sequence) {
        return String.format(Locale.ROOT, "%016X-%016X-%08X", commitPosition, lsn, sequence);
    }

    /** True when {@code committed} (a channel's committed token, maybe absent) covers {@code token}. */
    public static boolean covers(Optional<String> committed, String token) {
        return committed.isPresent() && committed.get().compareTo(token) >= 0;
    }
}
