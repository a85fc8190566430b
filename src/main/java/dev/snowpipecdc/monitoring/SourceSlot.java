package dev.snowpipecdc.monitoring;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.OptionalDouble;

import javax.sql.DataSource;

/**
 * The pipeline's replication slot as PostgreSQL sees it: whether a reader (Debezium) is attached, how much WAL it
 * holds that the pipeline has not confirmed (the position is confirmed only once the warehouse has committed, so
 * this is the whole pipeline's lag in bytes), and the reader's flush lag in seconds.
 */
public final class SourceSlot {

    /**
     * @param active     a reader is attached to the slot
     * @param lagBytes   WAL between the server's current position and the slot's confirmed position
     * @param lagSeconds PostgreSQL's flush lag of the reader (empty when none is attached; 0 when caught up)
     */
    public record State(boolean active, long lagBytes, OptionalDouble lagSeconds) {
    }

    // flush_lag: time between WAL being flushed here and the reader confirming it; NULL once the reader caught up
    private static final String SQL = """
            SELECT s.active, pg_wal_lsn_diff(pg_current_wal_lsn(), s.confirmed_flush_lsn)::bigint AS lag_bytes,
                   r.pid IS NOT NULL AS reader, COALESCE(EXTRACT(EPOCH FROM r.flush_lag), 0)::float8 AS lag_seconds
            FROM pg_replication_slots s LEFT JOIN pg_stat_replication r ON r.pid = s.active_pid
            WHERE s.slot_name = ?""";

    private final DataSource source;
    private final String slot;

    public SourceSlot(DataSource source, String slot) {
        this.source = source;
        this.slot = slot;
    }

    public String name() {
        return slot;
    }

    /** @return empty when the slot does not exist (yet: Debezium creates it on its first start) */
    public Optional<State> read() throws SQLException {
        try (Connection c = source.getConnection(); PreparedStatement ps = c.prepareStatement(SQL)) {
            ps.setString(1, slot);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new State(rs.getBoolean("active"), rs.getLong("lag_bytes"),
                        rs.getBoolean("reader") ? OptionalDouble.of(rs.getDouble("lag_seconds"))
                                : OptionalDouble.empty()));
            }
        }
    }
}
