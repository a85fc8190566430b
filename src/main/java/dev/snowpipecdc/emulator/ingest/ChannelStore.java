package dev.snowpipecdc.emulator.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The durable state of every channel: who owns it (client sequencer), how far it got (row sequencer) and its
 * committed offset token. It lives in the same DuckDB database as the channel's table, so a chunk's rows and the
 * channel's new token commit in one transaction.
 */
final class ChannelStore {

    static final String SCHEMA = "_EMULATOR";
    static final String TABLE = "CHANNELS";

    record ChannelKey(String database, String schema, String table, String channel) {
    }

    record ChannelState(long clientSequencer, long rowSequencer, String offsetToken) {
    }

    private final Connection duck;

    ChannelStore(Connection duck) {
        this.duck = duck;
    }

    /** The DDL that creates the channel table in one database; run when the database is attached. */
    static String ddl(String database) {
        String schema = StreamingColumn.quoted(database) + "." + SCHEMA;
        return "CREATE SCHEMA IF NOT EXISTS " + schema + ";\n"
                + "CREATE TABLE IF NOT EXISTS " + schema + "." + TABLE + " (SCHEMA_NAME VARCHAR NOT NULL, "
                + "TABLE_NAME VARCHAR NOT NULL, CHANNEL_NAME VARCHAR NOT NULL, CLIENT_SEQUENCER BIGINT NOT NULL, "
                + "ROW_SEQUENCER BIGINT NOT NULL, OFFSET_TOKEN VARCHAR, UPDATED_AT TIMESTAMPTZ NOT NULL, "
                + "PRIMARY KEY (SCHEMA_NAME, TABLE_NAME, CHANNEL_NAME))";
    }

    Optional<ChannelState> find(ChannelKey key) throws SQLException {
        try (PreparedStatement ps = duck.prepareStatement("SELECT CLIENT_SEQUENCER, ROW_SEQUENCER, OFFSET_TOKEN FROM "
                + table(key) + " WHERE SCHEMA_NAME = ? AND TABLE_NAME = ? AND CHANNEL_NAME = ?")) {
            bindKey(ps, key, 1);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new ChannelState(rs.getLong(1), rs.getLong(2), rs.getString(3)))
                        : Optional.empty();
            }
        }
    }

    /**
     * Opens (or re-opens) a channel: the client sequencer goes up by one, which makes every older owner stale.
     * An explicit offset token, when given, replaces the committed one, as Snowflake does.
     */
    ChannelState open(ChannelKey key, Optional<String> offsetToken) throws SQLException {
        Optional<ChannelState> current = find(key);
        ChannelState opened = new ChannelState(current.map(s -> s.clientSequencer() + 1).orElse(0L),
                current.map(ChannelState::rowSequencer).orElse(0L),
                offsetToken.or(() -> current.map(ChannelState::offsetToken)).orElse(null));
        try (PreparedStatement ps = duck.prepareStatement("INSERT OR REPLACE INTO " + table(key)
                + " VALUES (?, ?, ?, ?, ?, ?, now())")) {
            bindKey(ps, key, 1);
            ps.setLong(4, opened.clientSequencer());
            ps.setLong(5, opened.rowSequencer());
            ps.setString(6, opened.offsetToken());
            ps.executeUpdate();
        }
        return opened;
    }

    /** Records a registered chunk; the caller runs this in the transaction that inserts the chunk's rows. */
    void commit(ChannelKey key, long rowSequencer, String offsetToken) throws SQLException {
        try (PreparedStatement ps = duck.prepareStatement("UPDATE " + table(key)
                + " SET ROW_SEQUENCER = ?, OFFSET_TOKEN = ?, UPDATED_AT = now()"
                + " WHERE SCHEMA_NAME = ? AND TABLE_NAME = ? AND CHANNEL_NAME = ?")) {
            ps.setLong(1, rowSequencer);
            ps.setString(2, offsetToken);
            bindKey(ps, key, 3);
            ps.executeUpdate();
        }
    }

    /** Drops the channel; with a client sequencer, only if that owner is still the current one. */
    void drop(ChannelKey key, Optional<Long> clientSequencer) throws SQLException {
        String sql = "DELETE FROM " + table(key) + " WHERE SCHEMA_NAME = ? AND TABLE_NAME = ? AND CHANNEL_NAME = ?"
                + (clientSequencer.isPresent() ? " AND CLIENT_SEQUENCER = ?" : "");
        try (PreparedStatement ps = duck.prepareStatement(sql)) {
            bindKey(ps, key, 1);
            if (clientSequencer.isPresent()) {
                ps.setLong(4, clientSequencer.get());
            }
            ps.executeUpdate();
        }
    }

    private static String table(ChannelKey key) {
        return StreamingColumn.quoted(key.database()) + "." + SCHEMA + "." + TABLE;
    }

    private static void bindKey(PreparedStatement ps, ChannelKey key, int first) throws SQLException {
        ps.setString(first, key.schema());
        ps.setString(first + 1, key.table());
        ps.setString(first + 2, key.channel());
    }
}
