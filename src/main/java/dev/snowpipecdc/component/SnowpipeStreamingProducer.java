package dev.snowpipecdc.component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.snowpipecdc.change.OffsetTokens;
import dev.snowpipecdc.ingest.ChannelId;
import dev.snowpipecdc.ingest.IngestChannel;
import dev.snowpipecdc.ingest.IngestException;
import dev.snowpipecdc.ingest.InsertOutcome;
import dev.snowpipecdc.ingest.OnError;
import dev.snowpipecdc.ingest.RejectedRow;
import dev.snowpipecdc.monitoring.Meters;
import io.micrometer.core.instrument.Counter;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one row ({@code Map}) or a batch ({@code List<Map>}, or the {@code List<Exchange>} of a grouping
 * aggregator) to the endpoint's channel with the batch's offset tokens, cut into inserts of at most
 * {@code maxBatchBytes}. Rows sent before (at or below the channel's last token) are not sent again. Rows the
 * channel refuses go to the dead-letter endpoint in one exchange, as a {@code List<RejectedRow>}. A failure the
 * service may get over (an outage, an invalidated channel) is retried here, holding the channel, with back-off;
 * past {@code maxRetries} the channel gives up ({@link SinkFailedException}).
 */
public class SnowpipeStreamingProducer extends DefaultProducer {

    private static final Logger LOG = LoggerFactory.getLogger(SnowpipeStreamingProducer.class);
    private static final long MAX_RETRY_DELAY_MS = 30_000;

    private final SnowpipeStreamingEndpoint endpoint;
    private final ChannelId channelId;
    private Counter rowsSent;
    private Counter rowsAlreadyCommitted;
    private ProducerTemplate deadLetters;

    public SnowpipeStreamingProducer(SnowpipeStreamingEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
        this.channelId = endpoint.channelId();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        rowsSent = Counter.builder(Meters.ROWS_SENT).tag(Meters.CHANNEL, channelId.channel())
                .tag(Meters.TARGET, channelId.table())
                .description("Rows handed to the channel").register(endpoint.getComponent().meterRegistry());
        rowsAlreadyCommitted = Counter.builder(Meters.ROWS_ALREADY_COMMITTED).tag(Meters.CHANNEL, channelId.channel())
                .tag(Meters.TARGET, channelId.table())
                .description("Rows not sent because the warehouse had committed them before (a replay)")
                .register(endpoint.getComponent().meterRegistry());
        if (endpoint.getDeadLetterUri() != null) {
            deadLetters = getEndpoint().getCamelContext().createProducerTemplate();
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (deadLetters != null) {
            deadLetters.stop();
        }
        super.doStop();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        List<Map<String, Object>> rows = rows(exchange);
        if (rows.isEmpty()) {
            // nothing to write (a batch completed early with no rows in it): no channel is opened or touched
            in.setHeader(SnowpipeStreamingConstants.ROWS_ACCEPTED, 0);
            in.setHeader(SnowpipeStreamingConstants.ROWS_REJECTED, 0);
            in.setHeader(SnowpipeStreamingConstants.ROWS_SKIPPED, 0);
            return;
        }
        String endToken = in.getHeader(SnowpipeStreamingConstants.OFFSET_TOKEN, String.class);
        RowTokens tokens = RowTokens.of(rows, in.getHeader(SnowpipeStreamingConstants.ROW_OFFSET_TOKENS, List.class),
                endpoint.getOffsetTokenColumn());
        SnowpipeStreamingComponent component = endpoint.getComponent();
        ChannelState state = component.channels().state(channelId, endpoint.getOnError());
        component.commits().follow(state);

        Delivered delivered;
        // one batch at a time per channel, retries included: a later batch must not reach the channel (and be
        // committed) while an earlier one is still being retried, or a replay would take the earlier one as done
        synchronized (state) {
            // counted in the end-to-end lag while it is retried, not only once it reached the channel
            state.delivering(eventTimes(rows));
            try {
                delivered = deliverWithRetries(state, rows, tokens, endToken);
            } finally {
                state.delivered();
            }
        }
        if (delivered.skipped() > 0) {
            LOG.info("Channel {}: {} of {} rows were sent or committed before (at or below offset token {}); not"
                    + " sent again", channelId, delivered.skipped(), rows.size(), state.lastSent().orElse("-"));
        }
        rowsSent.increment(delivered.accepted());
        in.setHeader(SnowpipeStreamingConstants.ROWS_ACCEPTED, delivered.accepted());
        in.setHeader(SnowpipeStreamingConstants.ROWS_REJECTED, delivered.rejected());
        in.setHeader(SnowpipeStreamingConstants.ROWS_SKIPPED, delivered.skipped());
    }

    private record Delivered(int accepted, int rejected, int skipped) {
    }

    /** Tries until the service takes the batch, with back-off; past maxRetries the channel gives up. */
    private Delivered deliverWithRetries(ChannelState state, List<Map<String, Object>> rows, RowTokens tokens,
                                         String endToken) throws InterruptedException {
        SnowpipeStreamingComponent component = endpoint.getComponent();
        for (int attempt = 0; ; attempt++) {
            try {
                return deliver(state, rows, tokens, endToken, attempt == 0);
            } catch (IngestException e) {
                if (attempt >= component.getMaxRetries()) {
                    String reason = "gave up after " + attempt + " retries: " + e.getMessage();
                    state.fail(reason);
                    throw new SinkFailedException("Channel " + channelId + " " + reason);
                }
                long delay = Math.min(component.getRetryDelayMs() << Math.min(attempt, 16), MAX_RETRY_DELAY_MS);
                LOG.warn("Channel {}: {} (retry {} of {} in {} ms)", channelId, e.getMessage(), attempt + 1,
                        component.getMaxRetries(), delay);
                Thread.sleep(delay);
            }
        }
    }

    /** One try: the channel made ready (reopened if need be), the rows not sent before, in chunks. */
    private Delivered deliver(ChannelState state, List<Map<String, Object>> rows, RowTokens tokens, String endToken,
                              boolean firstAttempt) {
        SnowpipeStreamingComponent component = endpoint.getComponent();
        component.channels().ready(state);
        List<Map<String, Object>> fresh = notYetSent(rows, tokens, endToken, state);
        if (firstAttempt && fresh.size() < rows.size()) {
            // a retry finds the rows of its own earlier attempt: those are counted when they commit, not here
            rowsAlreadyCommitted.increment(alreadyCommitted(rows, tokens, endToken, state));
        }
        int accepted = 0;
        int rejected = 0;
        for (List<Map<String, Object>> chunk : RowSizes.chunks(fresh, endpoint.getMaxBatchBytes())) {
            String chunkEnd = tokens.perRow() ? tokens.of(chunk.get(chunk.size() - 1)) : null;
            int sent = send(state, chunk, tokens, chunkEnd != null ? chunkEnd : endToken);
            accepted += sent;
            rejected += chunk.size() - sent;
        }
        if (endpoint.isAwaitCommit()) {
            component.awaitCommitted(List.of(state), endpoint.getAwaitCommitTimeout());
        }
        return new Delivered(accepted, rejected, rows.size() - fresh.size());
    }

    /**
     * Hands a chunk to the channel. Rows the channel refuses go to the dead-letter endpoint; with SKIP_BATCH
     * (which buffers nothing of a batch with an invalid row) they are dead-lettered first and the valid rows sent
     * after, so that the chunk's end token cannot be committed before its refused rows are.
     *
     * @return how many rows the channel took
     */
    private int send(ChannelState state, List<Map<String, Object>> chunk, RowTokens tokens, String endToken) {
        IngestChannel channel = state.instance().orElseThrow();
        InsertOutcome outcome = channel.insert(chunk, startToken(chunk, tokens), endToken);
        List<Map<String, Object>> taken = chunk;
        if (!outcome.rejected().isEmpty()) {
            boolean named = outcome.rejected().stream().noneMatch(r -> r.index() == -1);
            if (outcome.batchRefused() && named && endpoint.getOnError() == OnError.SKIP_BATCH) {
                deadLetter(outcome.rejected(), chunk, tokens);
                taken = RejectedRow.others(chunk, outcome.rejected());
                if (!taken.isEmpty()) {
                    InsertOutcome again = channel.insert(taken, startToken(taken, tokens), endToken);
                    if (!again.rejected().isEmpty()) {
                        throw new IllegalStateException("Channel " + channelId + " refused rows it had validated: "
                                + again.rejected().get(0).message());
                    }
                }
            } else if (outcome.batchRefused()) {
                deadLetter(refusedBatch(chunk, outcome.rejected()), chunk, tokens);
                taken = List.of();
            } else {
                // ON_ERROR CONTINUE: the valid rows are buffered and the end token goes with them
                deadLetter(outcome.rejected(), chunk, tokens);
                taken = RejectedRow.others(chunk, outcome.rejected());
            }
        }
        state.sent(new SentBatch(List.copyOf(taken), startToken(taken, tokens), endToken, eventTimes(taken),
                rowTokens(taken, tokens)));
        return taken.size();
    }

    /**
     * The rows not yet handed to the channel: those at or below the channel's last sent token (or the token it
     * found committed when it opened) were sent before. A source that replays after a restart, or an exchange
     * retried after part of it was sent, brings them again.
     */
    private static List<Map<String, Object>> notYetSent(List<Map<String, Object>> rows, RowTokens tokens,
                                                        String endToken, ChannelState state) {
        Optional<String> sent = state.lastSent();
        if (!tokens.perRow()) {
            return rows.stream().filter(row -> !covered(row, tokens, endToken, sent)).toList();
        }
        // a row at or below one before it in the batch is a replay too (a source that rewinds while the batch is
        // open, as a Kafka consumer does on each rebalance): tokens only grow along a channel
        List<Map<String, Object>> fresh = new ArrayList<>(rows.size());
        Optional<String> high = sent;
        for (Map<String, Object> row : rows) {
            String token = tokens.of(row);
            if (token == null) {
                fresh.add(row);
            } else if (!OffsetTokens.covers(high, token)) {
                fresh.add(row);
                high = Optional.of(token);
            }
        }
        return fresh;
    }

    /** How many of the rows the warehouse had committed before they came (again). */
    private static long alreadyCommitted(List<Map<String, Object>> rows, RowTokens tokens, String endToken,
                                         ChannelState state) {
        Optional<String> committed = state.committed();
        return rows.stream().filter(row -> covered(row, tokens, endToken, committed)).count();
    }

    /** Whether {@code upTo} covers the row's token (its own, or the batch's end token without per-row tokens). */
    private static boolean covered(Map<String, Object> row, RowTokens tokens, String endToken, Optional<String> upTo) {
        String token = tokens.perRow() ? tokens.of(row) : endToken;
        return token != null && OffsetTokens.covers(upTo, token);
    }

    private static List<String> rowTokens(List<Map<String, Object>> rows, RowTokens tokens) {
        if (!tokens.perRow()) {
            return List.of();
        }
        List<String> each = new ArrayList<>(rows.size());
        rows.forEach(row -> each.add(tokens.of(row)));
        return each;
    }

    private static String startToken(List<Map<String, Object>> rows, RowTokens tokens) {
        return !tokens.perRow() || rows.isEmpty() ? null : tokens.of(rows.get(0));
    }

    /** Every row of a batch the channel refused as a whole: the invalid ones with their reason, the others too. */
    private static List<RejectedRow> refusedBatch(List<Map<String, Object>> rows, List<RejectedRow> invalid) {
        Map<Integer, RejectedRow> byIndex = new HashMap<>();
        invalid.forEach(r -> byIndex.put(r.index(), r));
        String why = "batch refused (onError SKIP_BATCH/ABORT) because of: " + invalid.get(0).message();
        List<RejectedRow> all = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            RejectedRow own = byIndex.get(i);
            all.add(own != null ? own : new RejectedRow(i, rows.get(i), invalid.get(0).code(), why));
        }
        return all;
    }

    /**
     * Hands refused rows to the dead-letter endpoint, all in one exchange (body: the {@code List<RejectedRow>});
     * returns once the endpoint has them (it may wait for their commit, see the DEAD_LETTERS route).
     */
    private void deadLetter(List<RejectedRow> rejected, List<Map<String, Object>> chunk, RowTokens tokens) {
        if (deadLetters == null) {
            RejectedRow first = rejected.get(0);
            throw new RejectedRowsException(rejected.size() + " rows refused by channel " + channelId
                    + " and no deadLetterUri is set; first: row " + first.index() + ": " + first.message());
        }
        Exchange sent = deadLetters.send(endpoint.getDeadLetterUri(), e -> {
            e.getMessage().setBody(List.copyOf(rejected));
            e.getMessage().setHeader(SnowpipeStreamingConstants.CHANNEL, channelId.toString());
            e.getMessage().setHeader(SnowpipeStreamingConstants.CHANNEL_NAME, channelId.channel());
            if (tokens.perRow()) {
                // their places in this channel, by which a dead-letter channel can tell a replay
                e.getMessage().setHeader(SnowpipeStreamingConstants.ROW_OFFSET_TOKENS,
                        rejected.stream().map(r -> r.index() >= 0 && r.index() < chunk.size()
                                ? tokens.of(chunk.get(r.index())) : null).toList());
            }
        });
        if (sent.getException() != null) {
            // the rows are neither landed nor dead-lettered: fail the batch rather than lose them quietly
            throw new RejectedRowsException(rejected.size() + " rows refused by channel " + channelId
                    + " could not be dead-lettered: " + sent.getException().getMessage());
        }
    }

    private long[] eventTimes(List<Map<String, Object>> rows) {
        String column = endpoint.getEventTimeColumn();
        if (column == null) {
            return new long[0];
        }
        long[] times = new long[rows.size()];
        int n = 0;
        for (Map<String, Object> row : rows) {
            Object value = row.get(column);
            if (value instanceof Number number) {
                times[n++] = number.longValue();
            } else if (value instanceof Instant instant) {
                times[n++] = instant.toEpochMilli();
            } else if (value != null) {
                times[n++] = Instant.parse(value.toString()).toEpochMilli();
            }
        }
        return n == times.length ? times : java.util.Arrays.copyOf(times, n);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(Exchange exchange) throws InvalidPayloadException {
        Object body = exchange.getMessage().getBody();
        if (body instanceof Map<?, ?> row) {
            return List.of((Map<String, Object>) row);
        }
        if (body instanceof List<?> list) {
            List<Map<String, Object>> rows = new ArrayList<>(list.size());
            for (Object element : list) {
                Object row = element instanceof Exchange grouped ? grouped.getMessage().getBody() : element;
                if (!(row instanceof Map<?, ?>)) {
                    throw new InvalidPayloadException(exchange, Map.class);
                }
                rows.add((Map<String, Object>) row);
            }
            return rows;
        }
        throw new InvalidPayloadException(exchange, List.class);
    }
}
