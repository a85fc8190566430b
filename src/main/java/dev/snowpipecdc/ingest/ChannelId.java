package dev.snowpipecdc.ingest;

/** Where a channel writes: the fully qualified table and the channel's name on it. */
public record ChannelId(String database, String schema, String table, String channel) {

    public String qualifiedTable() {
        return database + "." + schema + "." + table;
    }

    @Override
    public String toString() {
        return qualifiedTable() + "/" + channel;
    }
}
