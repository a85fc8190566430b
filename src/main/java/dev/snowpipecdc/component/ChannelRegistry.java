package dev.snowpipecdc.component;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.snowpipecdc.ingest.ChannelId;
import dev.snowpipecdc.ingest.IngestChannel;
import dev.snowpipecdc.ingest.IngestClient;
import dev.snowpipecdc.ingest.InsertOutcome;
import dev.snowpipecdc.ingest.OnError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channels this component drives, one per (table, channel name). A channel is opened on first use; when the
 * service invalidates it (another writer took it over, or it refused the channel's data) it is reopened and the
 * batches its previous instance had not committed are sent again, so that nothing it had buffered is lost. A
 * channel that has to be reopened {@code maxReopens} times without committing anything in between gives up.
 */
final class ChannelRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelRegistry.class);

    private final Supplier<IngestClient> client;
    private final CommitTracker commits;
    private final int maxReopens;
    private final Map<ChannelId, ChannelState> states = new ConcurrentHashMap<>();

    ChannelRegistry(Supplier<IngestClient> client, CommitTracker commits, int maxReopens) {
        this.client = client;
        this.commits = commits;
        this.maxReopens = maxReopens;
    }

    ChannelState state(ChannelId id, OnError onError) {
        return states.computeIfAbsent(id, key -> new ChannelState(key, onError));
    }

    Collection<ChannelState> all() {
        return states.values();
    }

    /**
     * The state's channel, usable: opened, or reopened with its uncommitted batches sent again. The caller holds
     * the state's monitor.
     *
     * @throws SinkFailedException when the channel has given up
     */
    IngestChannel ready(ChannelState state) {
        Optional<String> failure = state.failure();
        if (failure.isPresent()) {
            throw new SinkFailedException("Channel " + state.id + " has given up: " + failure.get());
        }
        if (state.usable()) {
            return state.instance().orElseThrow();
        }
        boolean reopen = state.instance().isPresent();
        if (reopen && state.reopensWithoutProgress() >= maxReopens) {
            String reason = "reopened " + maxReopens + " times without committing anything";
            state.fail(reason);
            throw new SinkFailedException("Channel " + state.id + " has given up: " + reason);
        }
        IngestChannel channel = client.get().openChannel(state.id, state.onError);
        Optional<String> committed = channel.committedOffsetToken();
        ChannelState.Opened opened = state.opened(channel, committed, reopen);
        commits.confirmed(state, opened.confirmed());
        long rows = opened.toResend().stream().mapToLong(b -> b.rows().size()).sum();
        if (reopen) {
            LOG.warn("Channel {} was invalidated; reopened (committed offset token: {}), sending again the {} rows"
                    + " of {} batches its previous instance had not committed", state.id, committed.orElse("none"),
                    rows, opened.toResend().size());
        } else {
            LOG.info("Opened channel {} (committed offset token: {})", state.id, committed.orElse("none"));
        }
        for (SentBatch sent : opened.toResend()) {
            // rows another writer committed meanwhile, under batch boundaries of its own, are not sent again
            SentBatch batch = sent.notCoveredBy(committed);
            if (batch.rows().isEmpty()) {
                continue;
            }
            InsertOutcome outcome;
            try {
                outcome = channel.insert(batch.rows(), batch.startOffsetToken(), batch.endOffsetToken());
            } catch (RuntimeException e) {
                // the new instance holds only part of the buffer: it must not count as ready, or the rest of the
                // buffer would never be sent again; the next use reopens and resends it all
                state.suspect("resending after a reopen failed: " + e.getMessage());
                throw e;
            }
            if (!outcome.rejected().isEmpty()) {
                // rows the channel took before cannot be refused now: something changed under us
                String reason = "rows sent again after a reopen were refused: " + outcome.rejected().get(0).message();
                state.fail(reason);
                throw new SinkFailedException("Channel " + state.id + " has given up: " + reason);
            }
        }
        return channel;
    }

    /** The state of a channel this process has used, if it has. */
    Optional<ChannelState> find(ChannelId id) {
        return Optional.ofNullable(states.get(id));
    }

    /**
     * Hands the channel over to another writer (see {@link ChannelState#release}): closes this instance, which
     * flushes what it buffered, and forgets its uncommitted batches. The caller holds the state's monitor.
     */
    void release(ChannelState state) {
        long forgotten = state.unconfirmedRows();
        state.release().ifPresent(instance -> {
            try {
                if (instance.isValid()) {
                    instance.close();
                }
            } catch (RuntimeException e) {
                LOG.warn("Closing channel {} on release failed: {}", state.id, e.getMessage());
            }
        });
        LOG.info("Released channel {}{}", state.id, forgotten == 0 ? ""
                : " (" + forgotten + " rows sent and not seen committed are left to its next owner)");
    }

    /** Flushes and closes every channel, waiting for its rows to be committed. */
    void closeAll() {
        states.values().forEach(s -> {
            try {
                if (s.usable()) {
                    s.instance().orElseThrow().close();
                }
            } catch (RuntimeException e) {
                LOG.warn("Closing channel {} failed: {}", s.id, e.getMessage());
            }
        });
    }

    /** The channels with rows sent and not seen committed. */
    List<ChannelState> waiting() {
        return states.values().stream().filter(s -> s.unconfirmedRows() > 0).toList();
    }
}
