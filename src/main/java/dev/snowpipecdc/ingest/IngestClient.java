package dev.snowpipecdc.ingest;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ingest SPI: how the {@code snowpipe-streaming} component reaches Snowflake. Today the only implementation
 * is {@link ClassicIngestClient} over {@code snowflake-ingest-sdk}; the high-performance SDK would be a second
 * one. Whether the far end is Snowflake or the embedded warehouse is only a matter of the URL.
 */
public interface IngestClient extends AutoCloseable {

    /** Opens (or reopens, taking over ownership) a channel; the channel knows its committed offset token. */
    IngestChannel openChannel(ChannelId id, OnError onError);

    /** The committed offset tokens of several channels, in one round trip. */
    Map<ChannelId, Optional<String>> committedOffsetTokens(List<IngestChannel> channels);

    /** Flushes every channel's buffer now and waits until the data is registered. */
    void flush();

    /** Flushes, waits for commits and releases the client. */
    @Override
    void close();
}
