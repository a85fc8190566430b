package dev.snowpipecdc.component;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import dev.snowpipecdc.change.OffsetTokens;
import dev.snowpipecdc.ingest.ChannelId;
import dev.snowpipecdc.ingest.IngestChannel;
import dev.snowpipecdc.ingest.IngestClient;
import dev.snowpipecdc.monitoring.Meters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows batches from "handed to the channel" to "committed by the warehouse": the SDK acknowledges a row when
 * it is buffered, so commit is only known from the channel's committed offset token. On each poll, batches whose
 * end token the token covers count as committed: rows committed per channel, and end-to-end latency (source
 * event time → now) for each of their rows.
 */
final class CommitTracker {

    private static final Logger LOG = LoggerFactory.getLogger(CommitTracker.class);

    private record PendingBatch(String endOffsetToken, int rows, long[] eventTimesMillis) {
    }

    private static final class ChannelProgress {
        volatile IngestChannel channel;
        final Deque<PendingBatch> pending = new ArrayDeque<>();
        final AtomicLong pendingRows = new AtomicLong();
        Counter committed;
    }

    private final Supplier<IngestClient> client;
    private final MeterRegistry registry;
    private final Timer latency;
    private final Map<ChannelId, ChannelProgress> channels = new ConcurrentHashMap<>();

    CommitTracker(Supplier<IngestClient> client, MeterRegistry registry) {
        this.client = client;
        this.registry = registry;
        this.latency = Timer.builder(Meters.END_TO_END_LATENCY)
                .description("Source commit to warehouse commit")
                .publishPercentiles(0.5, 0.95, 0.99)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
    }

    /** Records a batch handed to {@code channel}; batches without an end token cannot be followed. */
    void sent(IngestChannel channel, String endOffsetToken, int rows, long[] eventTimesMillis) {
        ChannelProgress progress = channels.computeIfAbsent(channel.id(), this::newProgress);
        synchronized (progress) {
            if (progress.channel != null && progress.channel != channel) {
                forgetPredecessor(progress);
            }
            progress.channel = channel;
            if (endOffsetToken == null || rows == 0) {
                return;
            }
            progress.pending.addLast(new PendingBatch(endOffsetToken, rows, eventTimesMillis));
        }
        progress.pendingRows.addAndGet(rows);
    }

    /** Asks the service for the committed tokens of every channel with pending batches; one round trip. */
    void poll() {
        List<IngestChannel> waiting = new ArrayList<>();
        channels.values().forEach(p -> {
            if (p.pendingRows.get() > 0 && p.channel.isValid()) {
                waiting.add(p.channel);
            }
        });
        if (waiting.isEmpty()) {
            return;
        }
        try {
            Map<ChannelId, Optional<String>> committed = client.get().committedOffsetTokens(waiting);
            long now = System.currentTimeMillis();
            committed.forEach((id, token) -> complete(channels.get(id), token, now));
        } catch (RuntimeException e) {
            LOG.debug("Cannot read committed offset tokens yet: {}", e.getMessage());
        }
    }

    /** Rows handed to channels and not yet committed, over all channels. */
    long pendingRows() {
        return channels.values().stream().mapToLong(p -> p.pendingRows.get()).sum();
    }

    /**
     * The channel was reopened: what its previous instance buffered and had not committed is gone with it (the
     * new instance may commit higher tokens, which must not count those rows as committed).
     */
    private void forgetPredecessor(ChannelProgress progress) {
        long lost = progress.pending.stream().mapToLong(PendingBatch::rows).sum();
        if (lost > 0) {
            LOG.warn("Channel {} was reopened: {} rows its previous instance had buffered were not committed",
                    progress.channel.id(), lost);
        }
        progress.pending.clear();
        progress.pendingRows.addAndGet(-lost);
    }

    private void complete(ChannelProgress progress, Optional<String> committedToken, long now) {
        if (progress == null || committedToken.isEmpty()) {
            return;
        }
        synchronized (progress) {
            while (!progress.pending.isEmpty()
                    && OffsetTokens.covers(committedToken, progress.pending.peekFirst().endOffsetToken())) {
                PendingBatch batch = progress.pending.removeFirst();
                progress.pendingRows.addAndGet(-batch.rows());
                progress.committed.increment(batch.rows());
                for (long eventTime : batch.eventTimesMillis()) {
                    latency.record(Duration.ofMillis(Math.max(0, now - eventTime)));
                }
            }
        }
    }

    private ChannelProgress newProgress(ChannelId id) {
        ChannelProgress progress = new ChannelProgress();
        progress.committed = Counter.builder(Meters.ROWS_COMMITTED).tag(Meters.CHANNEL, id.channel())
                .description("Rows the warehouse committed").register(registry);
        registry.gauge(Meters.CHANNEL_LAG, List.of(io.micrometer.core.instrument.Tag.of(Meters.CHANNEL, id.channel())),
                progress.pendingRows, AtomicLong::get);
        return progress;
    }
}
