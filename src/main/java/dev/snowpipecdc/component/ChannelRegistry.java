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
 * The channels this component has open, one per (table, channel name), opened on first use and reopened when
 * the service has invalidated them.
 */
final class ChannelRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelRegistry.class);

    /**
     * An open channel and how far it got: the token it found committed when it opened (rows at or below it were
     * landed before, by this or an earlier process, and are not sent again) and the last token it sent (tokens
     * must keep growing). Callers synchronise on it to send in order.
     */
    static final class OpenChannel {
        final IngestChannel channel;
        private final Optional<String> committedAtOpen;
        private Optional<String> lastSent = Optional.empty();

        OpenChannel(IngestChannel channel, Optional<String> committedAtOpen) {
            this.channel = channel;
            this.committedAtOpen = committedAtOpen;
        }

        Optional<String> committedAtOpen() {
            return committedAtOpen;
        }

        Optional<String> lastSent() {
            return lastSent;
        }

        void sent(String token) {
            if (token != null) {
                lastSent = Optional.of(token);
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
