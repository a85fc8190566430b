package dev.snowpipecdc.component;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import dev.snowpipecdc.change.OffsetTokens;
import dev.snowpipecdc.ingest.ChannelId;
import dev.snowpipecdc.ingest.IngestChannel;
import dev.snowpipecdc.ingest.OnError;

/**
 * One channel as this process drives it, across the instances the service gives it (an invalidated channel is
 * reopened): where it stands (the committed token, the last token sent), the batches sent and not yet seen
 * committed, and whether it has given up. Callers hold its monitor while they send, so that batches reach the
 * channel in token order.
 */
final class ChannelState {

    final ChannelId id;
    final OnError onError;
    // volatile: the monitor reads these without the monitor lock, which a sender holds while it retries
    private volatile IngestChannel instance;
    // read without the lock by monitors: written under it
    private volatile Optional<String> committed = Optional.empty();
    private Optional<String> lastSent = Optional.empty();
    private final Deque<SentBatch> unconfirmed = new ArrayDeque<>();
    private final AtomicLong unconfirmedRows = new AtomicLong();
    private int reopensWithoutProgress;
    private volatile String failure;
    private volatile String suspicion;
    /** Source event time of the oldest row sent and not seen committed, or of a batch being delivered. */
    private volatile long oldestUnconfirmedEvent = NO_EVENT;
    private volatile long oldestDeliveringEvent = NO_EVENT;

    static final long NO_EVENT = Long.MAX_VALUE;

    ChannelState(ChannelId id, OnError onError) {
        this.id = id;
        this.onError = onError;
    }

    synchronized Optional<IngestChannel> instance() {
        return Optional.ofNullable(instance);
    }

    synchronized boolean usable() {
        return instance != null && instance.isValid() && suspicion == null;
    }

    /**
     * The service no longer answers for this instance the way it answers for a live one (another writer may own
     * the channel now, which the SDK only notices when it next flushes rows): reopen it before the next use. A
     * needless reopen costs a resend of the uncommitted batches, which the committed token deduplicates.
     */
    synchronized void suspect(String why) {
        if (suspicion == null && instance != null) {
            suspicion = why;
        }
    }

    synchronized Optional<String> suspicion() {
        return Optional.ofNullable(suspicion);
    }

    /** The newest committed offset token known: read when the channel opened, then from the commit polls. */
    Optional<String> committed() {
        return committed;
    }

    /** The highest token handed to the channel (or found committed when it opened). */
    synchronized Optional<String> lastSent() {
        return lastSent;
    }

    /** The end token of the last batch sent and not seen committed, if any. */
    synchronized Optional<String> lastUnconfirmed() {
        return unconfirmed.isEmpty() ? Optional.empty() : Optional.of(unconfirmed.peekLast().endOffsetToken());
    }

    long unconfirmedRows() {
        return unconfirmedRows.get();
    }

    /**
     * The source event time (epoch ms) of the oldest row this channel holds that the warehouse has not committed:
     * in a batch being delivered (retries included) or sent and not seen committed; {@link #NO_EVENT} if none.
     * Read without the lock, so a scrape never waits for a sender that is retrying.
     */
    long oldestWaitingEvent() {
        return Math.min(oldestUnconfirmedEvent, oldestDeliveringEvent);
    }

    /** A batch with these source event times is being delivered (until {@link #delivered()}). */
    void delivering(long[] eventTimesMillis) {
        oldestDeliveringEvent = oldest(eventTimesMillis);
    }

    void delivered() {
        oldestDeliveringEvent = NO_EVENT;
    }

    /** Where the channel stands, read without the lock. */
    ChannelStatus status() {
        IngestChannel current = instance;
        String why = failure != null ? failure : suspicion;
        ChannelStatus.State state = failure != null ? ChannelStatus.State.FAILED
                : current == null ? ChannelStatus.State.NOT_OPEN
                : suspicion != null || !current.isValid() ? ChannelStatus.State.REOPENING
                : ChannelStatus.State.OPEN;
        return new ChannelStatus(id, state, Optional.ofNullable(why), unconfirmedRows());
    }

    private static long oldest(long[] eventTimesMillis) {
        long oldest = NO_EVENT;
        for (long time : eventTimesMillis) {
            oldest = Math.min(oldest, time);
        }
        return oldest;
    }

    private void unconfirmedChanged() {
        long oldest = NO_EVENT;
        for (SentBatch batch : unconfirmed) {
            oldest = Math.min(oldest, oldest(batch.eventTimesMillis()));
        }
        oldestUnconfirmedEvent = oldest;
    }

    /** Read without the lock: health probes ask while a sender that holds it may be retrying for minutes. */
    Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    synchronized void fail(String reason) {
        if (failure == null) {
            failure = reason;
        }
    }

    /** What opening a new instance found: batches the previous one committed, and those to send again. */
    record Opened(List<SentBatch> confirmed, List<SentBatch> toResend) {
    }

    /**
     * A new instance of the channel, which found {@code committedToken}: batches it covers were committed by the
     * previous instance; the others must be sent again, in order.
     */
    synchronized Opened opened(IngestChannel newInstance, Optional<String> committedToken, boolean reopen) {
        instance = newInstance;
        suspicion = null;
        if (reopen) {
            reopensWithoutProgress++;
        }
        List<SentBatch> confirmed = confirm(committedToken);
        if (lastSent.isEmpty() || OffsetTokens.covers(committedToken, lastSent.get())) {
            lastSent = committedToken;
        }
        return new Opened(confirmed, new ArrayList<>(unconfirmed));
    }

    /**
     * Another writer takes the channel over (its source partition moved to another process): forget this instance
     * and what it had not seen committed (the new owner reads those rows again from the source), so that nothing
     * here reopens the channel behind the new owner's back or sends those rows again. A later use opens the channel
     * afresh and starts from its committed token.
     *
     * @return the instance to close, if there was one
     */
    synchronized Optional<IngestChannel> release() {
        Optional<IngestChannel> previous = Optional.ofNullable(instance);
        instance = null;
        suspicion = null;
        committed = Optional.empty();
        lastSent = Optional.empty();
        unconfirmedRows.addAndGet(-unconfirmed.stream().mapToLong(batch -> batch.rows().size()).sum());
        unconfirmed.clear();
        unconfirmedChanged();
        reopensWithoutProgress = 0;
        return previous;
    }

    synchronized int reopensWithoutProgress() {
        return reopensWithoutProgress;
    }

    synchronized void sent(SentBatch batch) {
        if (batch.endOffsetToken() != null) {
            lastSent = Optional.of(batch.endOffsetToken());
        }
        if (batch.endOffsetToken() != null && !batch.rows().isEmpty()) {
            unconfirmed.addLast(batch);
            unconfirmedRows.addAndGet(batch.rows().size());
            oldestUnconfirmedEvent = Math.min(oldestUnconfirmedEvent, oldest(batch.eventTimesMillis()));
        }
    }

    /**
     * The channel committed up to {@code committedToken}: the batches it covers leave the unconfirmed list.
     *
     * @return those batches, in order
     */
    synchronized List<SentBatch> confirm(Optional<String> committedToken) {
        List<SentBatch> done = new ArrayList<>();
        if (committedToken.isEmpty()) {
            return done;
        }
        if (committed.isEmpty() || !OffsetTokens.covers(committed, committedToken.get())) {
            committed = committedToken;
        }
        while (!unconfirmed.isEmpty() && OffsetTokens.covers(committedToken, unconfirmed.peekFirst().endOffsetToken())) {
            SentBatch batch = unconfirmed.removeFirst();
            unconfirmedRows.addAndGet(-batch.rows().size());
            done.add(batch);
        }
        if (!done.isEmpty()) {
            reopensWithoutProgress = 0;
            unconfirmedChanged();
        }
        return done;
    }
}
