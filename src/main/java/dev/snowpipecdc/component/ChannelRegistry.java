package dev.snowpipecdc.component;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.snowpipecdc.ingest.ChannelId;
import dev.snowpipecdc.ingest.IngestChannel;
import dev.snowpipecdc.ingest.IngestClient;
import dev.snowpipecdc.ingest.OnError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channels this component has open, one per (table, channel name), opened on first use. A channel remembers
 * the highest offset token it has sent or found committed when it opened, so that rows at or below it (a source
 * replaying after a restart) are not sent twice.
 */
final class ChannelRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelRegistry.class);

    /** An open channel and how far it got; callers synchronise on it to send in order. */
    static final class OpenChannel {
        final IngestChannel channel;
        private Optional<String> highWaterMark;

        OpenChannel(IngestChannel channel, Optional<String> committedAtOpen) {
            this.channel = channel;
            this.highWaterMark = committedAtOpen;
        }

        Optional<String> highWaterMark() {
            return highWaterMark;
        }

        void advanceTo(String token) {
            if (token != null && (highWaterMark.isEmpty() || highWaterMark.get().compareTo(token) < 0)) {
                highWaterMark = Optional.of(token);
            }
        }
    }

    private final Supplier<IngestClient> client;
    private final Map<ChannelId, OpenChannel> open = new ConcurrentHashMap<>();

    ChannelRegistry(Supplier<IngestClient> client) {
        this.client = client;
    }

    /** The open channel for {@code id}; opens it, or reopens it when the service invalidated it. */
    OpenChannel acquire(ChannelId id, OnError onError) {
        OpenChannel current = open.get(id);
        if (current != null && current.channel.isValid()) {
            return current;
        }
        synchronized (this) {
            current = open.get(id);
            if (current == null || !current.channel.isValid()) {
                IngestChannel channel = client.get().openChannel(id, onError);
                Optional<String> committed = channel.committedOffsetToken();
                LOG.info("Opened channel {} (committed offset token: {})", id, committed.orElse("none"));
                current = new OpenChannel(channel, committed);
                open.put(id, current);
            }
            return current;
        }
    }

    /** Flushes and closes every channel, waiting for its rows to be committed. */
    void closeAll() {
        open.values().forEach(c -> {
            try {
                if (c.channel.isValid()) {
                    c.channel.close();
                }
            } catch (RuntimeException e) {
                LOG.warn("Closing channel {} failed: {}", c.channel.id(), e.getMessage());
            }
        });
        open.clear();
    }
}
