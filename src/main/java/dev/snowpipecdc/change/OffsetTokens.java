package dev.snowpipecdc.change;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Offset tokens for changes read from PostgreSQL: {@code F-PPPPPPPPPPPPPPPP-LLLLLLLLLLLLLLLL-SSSSSSSS}, a phase
 * digit and three zero-padded upper-case hex fields, so that string order is position order.
 * <ul>
 *   <li>F, the phase: 0 for snapshot reads, 1 for streamed changes. Streaming follows the snapshot.</li>
 *   <li>P, the commit position: for streamed changes the commit LSN of the transaction before this one
 *       (Debezium's {@code lastCommitLsn}), which grows from one transaction to the next because transactions
 *       arrive in commit order. Debezium leaves it empty until it has seen a first commit since the slot was made
 *       (the first transaction after a fresh start, also after a restart that found no commit in the offsets);
 *       that transaction gets 0, below every transaction after it. For snapshot reads: the snapshot's LSN.</li>
 *   <li>L, the change's own LSN (0 for snapshot reads): grows within a transaction.</li>
 *   <li>S, a counter that breaks ties between changes with the same F, P and L: rows of one snapshot, rows of a
 *       multi-row insert, the delete + create pair of a primary-key update.</li>
 * </ul>
 * Tokens of one table's channel therefore only grow, across the snapshot, the switch to streaming and restarts
 * (a restart replays changes with the same positions in the same order, so they get the same tokens). A second
 * snapshot into channels that already hold streamed changes sorts below them and counts as a replay.
 */
public final class OffsetTokens {

    public static final int LENGTH = 1 + 1 + 16 + 1 + 16 + 1 + 8;

    private final Map<String, Position> lastByTable = new HashMap<>();

    /**
     * A transaction begins or ends. Ties (changes at the same position) only happen inside one transaction, so
     * the counter can start afresh here; it must, because Debezium replays what was not confirmed after it
     * reconnects inside the process, and a replayed change must get the token it got the first time, not the
     * next counter value after it.
     */
    public synchronized void transactionBoundary() {
        lastByTable.clear();
    }

    /** The token of a snapshot read of {@code table} at snapshot LSN {@code lsn}. */
    public synchronized String snapshotRead(String table, long lsn) {
        return next(table, 0, lsn, 0);
    }

    /** The token of a streamed change; {@code lastCommitLsn} is empty until Debezium has seen a commit. */
    public synchronized String streamed(String table, Optional<Long> lastCommitLsn, long lsn) {
        return next(table, 1, lastCommitLsn.orElse(0L), lsn);
    }

    private String next(String table, int phase, long commitPosition, long lsn) {
        Position last = lastByTable.get(table);
        Position here = new Position(phase, commitPosition, lsn, 0);
        long sequence = here.samePlaceAs(last) ? last.sequence + 1 : 0;
        lastByTable.put(table, new Position(phase, commitPosition, lsn, sequence));
        return format(phase, commitPosition, lsn, sequence);
    }

    private record Position(int phase, long commitPosition, long lsn, long sequence) {
        boolean samePlaceAs(Position other) {
            return other != null && other.phase == phase && other.commitPosition == commitPosition && other.lsn == lsn;
        }
    }

    /** {@code %d-%016X-%016X-%08X} without a Formatter: this runs once per change on the source's thread. */
    public static String format(int phase, long commitPosition, long lsn, long sequence) {
        if (phase < 0 || phase > 9) {
            throw new IllegalArgumentException("An offset token's phase is one digit, not " + phase);
        }
        char[] token = new char[LENGTH];
        token[0] = (char) ('0' + phase);
        token[1] = '-';
        hex(token, 2, 16, commitPosition);
        token[18] = '-';
        hex(token, 19, 16, lsn);
        token[35] = '-';
        hex(token, 36, 8, sequence);
        return new String(token);
    }

    private static final char[] HEX_DIGITS = "0123456789ABCDEF".toCharArray();

    /** The low {@code digits} hex digits of {@code value}, upper case and zero-padded (as %0nX for n ≥ its width). */
    private static void hex(char[] into, int at, int digits, long value) {
        if (digits < 16 && value >>> (4 * digits) != 0) {
            // %08X prints a wider number in full: the token would not be LENGTH long, so say so
            throw new IllegalArgumentException("Offset token field " + Long.toHexString(value) + " is wider than "
                    + digits + " hex digits");
        }
        for (int i = at + digits - 1; i >= at; i--) {
            into[i] = HEX_DIGITS[(int) (value & 0xF)];
            value >>>= 4;
        }
    }

    /** True when {@code committed} (a channel's committed token, maybe absent) covers {@code token}. */
    public static boolean covers(Optional<String> committed, String token) {
        return committed.isPresent() && committed.get().compareTo(token) >= 0;
    }
}
