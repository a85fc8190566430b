package dev.snowpipecdc.component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.snowpipecdc.ingest.ChannelId;
import dev.snowpipecdc.ingest.IngestChannel;
import dev.snowpipecdc.ingest.IngestClient;
import dev.snowpipecdc.monitoring.Meters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
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

    private static final double[] PERCENTILES = {0.5, 0.95, 0.99};

    private final Supplier<IngestClient> client;
    private final MeterRegistry registry;
    private final Timer latency;
    private final Map<ChannelId, Counter> committedRows = new ConcurrentHashMap<>();

    CommitTracker(Supplier<IngestClient> client, MeterRegistry registry) {
        this.client = client;
        this.registry = registry;
        this.latency = Timer.builder(Meters.END_TO_END_LATENCY)
                .description("Source commit to warehouse commit")
                .publishPercentiles(PERCENTILES)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
        // Prometheus gets the histogram buckets (histogram_quantile over them aggregates across replicas); these
        // are the same percentiles computed here, over the last few minutes, readable without a query language
        for (double percentile : PERCENTILES) {
            Gauge.builder(Meters.END_TO_END_LATENCY_PERCENTILE, latency, t -> percentileSeconds(t, percentile))
                    .tag(Meters.QUANTILE, String.valueOf(percentile)).baseUnit("seconds")
                    .description("Source commit to warehouse commit, percentile of the last minutes")
                    .register(registry);
        }
    }

    private static double percentileSeconds(Timer timer, double percentile) {
        for (ValueAtPercentile value : timer.takeSnapshot().percentileValues()) {
            if (value.percentile() == percentile) {
                return value.value(TimeUnit.SECONDS);
            }
        }
        return Double.NaN;
    }

    /** Makes the channel's meters (rows committed, rows waiting for commit) exist from its first use. */
    void follow(ChannelState state) {
        committedRows.computeIfAbsent(state.id, id -> {
            registry.gauge(Meters.CHANNEL_LAG, List.of(Tag.of(Meters.CHANNEL, id.channel()),
                    Tag.of(Meters.TARGET, id.table())), state, ChannelState::unconfirmedRows);
            return Counter.builder(Meters.ROWS_COMMITTED).tag(Meters.CHANNEL, id.channel())
                    .tag(Meters.TARGET, id.table())
                    .description("Rows the warehouse committed").register(registry);
        });
    }

    /** Asks the service for the committed tokens of the given channels (usable ones), in one round trip. */
    void poll(Collection<ChannelState> states) {
        List<IngestChannel> instances = new ArrayList<>();
        Map<ChannelId, ChannelState> byId = new ConcurrentHashMap<>();
        for (ChannelState state : states) {
            if (state.usable()) {
                state.instance().ifPresent(instances::add);
                byId.put(state.id, state);
            }
        }
        if (instances.isEmpty()) {
            return;
        }
        try {
            Map<ChannelId, Optional<String>> committed = client.get().committedOffsetTokens(instances);
            committed.forEach((id, token) -> {
                ChannelState state = byId.get(id);
                if (state == null) {
                    return;
                }
                if (token.isEmpty() && state.committed().isPresent()) {
                    // a committed token never goes away: the service refused to answer for this instance
                    state.suspect("the service no longer reports its committed offset token");
                    return;
                }
                confirmed(state, state.confirm(token));
            });
        } catch (RuntimeException e) {
            LOG.debug("Cannot read committed offset tokens yet: {}", e.getMessage());
        }
    }

    /** Records batches the warehouse committed. */
    void confirmed(ChannelState state, List<SentBatch> batches) {
        if (batches.isEmpty()) {
            return;
        }
        follow(state);
        long now = System.currentTimeMillis();
        for (SentBatch batch : batches) {
            committedRows.get(state.id).increment(batch.rows().size());
            for (long eventTime : batch.eventTimesMillis()) {
                latency.record(Duration.ofMillis(Math.max(0, now - eventTime)));
            }
        }
    }
}
