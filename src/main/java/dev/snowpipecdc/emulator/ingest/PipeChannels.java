package dev.snowpipecdc.emulator.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The durable state of the high-performance architecture's channels, which belong to a pipe rather than a table:
 * their owner (a generation that a reopen raises, which makes the old owner's continuation token stale), how many
 * appends they took, their committed offset token and their row counts and last error as channel status reports
 * them. It lives in the DuckDB database of the pipe's table, so an append's rows and the channel's new state commit
 * in one transaction.
 */
final class PipeChannels {

    static final String TABLE = "PIPE_CHANNELS";

    record PipeChannelKey(String database, String schema, String pipe, String channel) {
    }

    /**
     * @param generation  raised by every open: the owner whose continuation tokens are current
     * @param appends     appends taken since the channel was created: the position a continuation token names
     * @param lastErrorOffsetUpperBound the offset token of the append that held the last rejected row
     */
    record PipeChannelState(long generation, long appends, String offsetToken, long rowsInserted, long rowsParsed,
                            long rowsErrorCount, String lastErrorOffsetUpperBound, String lastErrorMessage,
                            Long lastErrorTimestampMs, long createdOnMs) {

        /** The token the owner must send with its next append. */
        String continuationToken() {
            return generation + "_" + appends;
        }
    }

    private final Connection duck;

    PipeChannels(Connection duck) {
        this.duck = duck;
    }

    /** The DDL that creates the table in one database; run when the database is attached. */
    static String ddl(String database) {
        return "CREATE TABLE IF NOT EXISTS " + StreamingColumn.quoted(database) + "." + ChannelStore.SCHEMA + "."
                + TABLE + " (SCHEMA_NAME VARCHAR NOT NULL, PIPE_NAME VARCHAR NOT NULL, CHANNEL_NAME VARCHAR NOT NULL,"
                + " GENERATION BIGINT NOT NULL, APPENDS BIGINT NOT NULL, OFFSET_TOKEN VARCHAR,"
                + " ROWS_INSERTED BIGINT NOT NULL, ROWS_PARSED BIGINT NOT NULL, ROWS_ERROR_COUNT BIGINT NOT NULL,"
                + " LAST_ERROR_OFFSET_UPPER_BOUND VARCHAR, LAST_ERROR_MESSAGE VARCHAR, LAST_ERROR_TIMESTAMP_MS BIGINT,"
                + " CREATED_ON_MS BIGINT NOT NULL, UPDATED_AT TIMESTAMPTZ NOT NULL,"
                + " PRIMARY KEY (SCHEMA_NAME, PIPE_NAME, CHANNEL_NAME))";
    }

    Optional<PipeChannelState> find(PipeChannelKey key) throws SQLException {
        try (PreparedStatement ps = duck.prepareStatement("SELECT GENERATION, APPENDS, OFFSET_TOKEN, ROWS_INSERTED,"
                + " ROWS_PARSED, ROWS_ERROR_COUNT, LAST_ERROR_OFFSET_UPPER_BOUND, LAST_ERROR_MESSAGE,"
                + " LAST_ERROR_TIMESTAMP_MS, CREATED_ON_MS FROM " + table(key)
                + " WHERE SCHEMA_NAME = ? AND PIPE_NAME = ? AND CHANNEL_NAME = ?")) {
            bindKey(ps, key, 1);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new PipeChannelState(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getString(7), rs.getString(8),
                        (Long) rs.getObject(9), rs.getLong(10)));
            }
        }
    }

    /**
     * Opens (or reopens) a channel: its generation goes up by one, which makes the previous owner's continuation
     * token stale. An offset token, when given, replaces the committed one, as Snowflake does.
     */
    PipeChannelState open(PipeChannelKey key, Optional<String> offsetToken, long nowMs) throws SQLException {
        Optional<PipeChannelState> current = find(key);
        PipeChannelState opened = current.map(s -> new PipeChannelState(s.generation() + 1, s.appends(),
                        offsetToken.orElse(s.offsetToken()), s.rowsInserted(), s.rowsParsed(), s.rowsErrorCount(),
                        s.lastErrorOffsetUpperBound(), s.lastErrorMessage(), s.lastErrorTimestampMs(),
                        s.createdOnMs()))
                .orElse(new PipeChannelState(0, 0, offsetToken.orElse(null), 0, 0, 0, null, null, null, nowMs));
        write(key, opened);
        return opened;
    }

    /** The state after an append; the caller runs this in the transaction that inserts the append's rows. */
    void update(PipeChannelKey key, PipeChannelState state) throws SQLException {
        write(key, state);
    }

    /** Drops the channel: a later open starts it afresh. */
    void drop(PipeChannelKey key) throws SQLException {
        try (PreparedStatement ps = duck.prepareStatement("DELETE FROM " + table(key)
                + " WHERE SCHEMA_NAME = ? AND PIPE_NAME = ? AND CHANNEL_NAME = ?")) {
            bindKey(ps, key, 1);
            ps.executeUpdate();
        }
    }

    private void write(PipeChannelKey key, PipeChannelState s) throws SQLException {
        try (PreparedStatement ps = duck.prepareStatement("INSERT OR REPLACE INTO " + table(key)
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())")) {
            bindKey(ps, key, 1);
            ps.setLong(4, s.generation());
            ps.setLong(5, s.appends());
            ps.setString(6, s.offsetToken());
            ps.setLong(7, s.rowsInserted());
            ps.setLong(8, s.rowsParsed());
            ps.setLong(9, s.rowsErrorCount());
            ps.setString(10, s.lastErrorOffsetUpperBound());
            ps.setString(11, s.lastErrorMessage());
            ps.setObject(12, s.lastErrorTimestampMs());
            ps.setLong(13, s.createdOnMs());
            ps.executeUpdate();
        }
    }

    private static String table(PipeChannelKey key) {
        return StreamingColumn.quoted(key.database()) + "." + ChannelStore.SCHEMA + "." + TABLE;
    }

    private static void bindKey(PreparedStatement ps, PipeChannelKey key, int first) throws SQLException {
        ps.setString(first, key.schema());
        ps.setString(first + 1, key.pipe());
        ps.setString(first + 2, key.channel());
    }
}
