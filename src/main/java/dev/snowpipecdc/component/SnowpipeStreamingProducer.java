package dev.snowpipecdc.component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.snowpipecdc.change.OffsetTokens;
import dev.snowpipecdc.component.ChannelRegistry.OpenChannel;
import dev.snowpipecdc.ingest.ChannelId;
import dev.snowpipecdc.ingest.InsertOutcome;
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
 * aggregator) to the endpoint's channel with the batch's offset tokens. Rows the channel refuses go to the
 * dead-letter endpoint, one exchange each.
 */
public class SnowpipeStreamingProducer extends DefaultProducer {

    private static final Logger LOG = LoggerFactory.getLogger(SnowpipeStreamingProducer.class);

    private final SnowpipeStreamingEndpoint endpoint;
    private final ChannelId channelId;
    private Counter rowsSent;
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
                .description("Rows handed to the channel").register(endpoint.getComponent().meterRegistry());
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
        String startToken = in.getHeader(SnowpipeStreamingConstants.START_OFFSET_TOKEN, String.class);
        String endToken = in.getHeader(SnowpipeStreamingConstants.OFFSET_TOKEN, String.class);

        OpenChannel channel = endpoint.getComponent().channels().acquire(channelId, endpoint.getOnError());
        List<Map<String, Object>> fresh;
        InsertOutcome outcome;
        // one batch at a time per channel: tokens must reach the channel in order
        synchronized (channel) {
            fresh = notYetCommitted(rows, endToken, channel.committedAtOpen());
            if (fresh.isEmpty()) {
                outcome = InsertOutcome.nothingToSend();
            } else {
                if (endpoint.getOffsetTokenColumn() != null) {
                    startToken = tokenOf(fresh.get(0));
                }
                requireAfterLastSent(startToken != null ? startToken : endToken, channel);
                outcome = channel.channel.insert(fresh, startToken, endToken);
                channel.sent(endToken);
            }
        }
        if (fresh.size() < rows.size()) {
            LOG.info("Channel {}: {} of {} rows were committed before (at or below offset token {}); not sent again",
                    channelId, rows.size() - fresh.size(), rows.size(), channel.committedAtOpen().orElse("-"));
        }
        rowsSent.increment(fresh.size());
        endpoint.getComponent().commits().sent(channel.channel, endToken, outcome.accepted(), eventTimes(fresh));

        in.setHeader(SnowpipeStreamingConstants.ROWS_ACCEPTED, outcome.accepted());
        in.setHeader(SnowpipeStreamingConstants.ROWS_REJECTED, fresh.size() - outcome.accepted());
        in.setHeader(SnowpipeStreamingConstants.ROWS_SKIPPED, rows.size() - fresh.size());
        if (outcome.batchRefused()) {
            deadLetter(refusedBatch(fresh, outcome.rejected()));
        } else if (!outcome.rejected().isEmpty()) {
            deadLetter(outcome.rejected());
        }
    }

    /** Rows a channel committed before it opened here come again when a source replays: they are dropped. */
    private List<Map<String, Object>> notYetCommitted(List<Map<String, Object>> rows, String endToken,
                                                      Optional<String> committed) {
        if (committed.isEmpty()) {
            return rows;
        }
        if (endpoint.getOffsetTokenColumn() == null) {
            return OffsetTokens.covers(committed, endToken) ? List.of() : rows;
        }
        List<Map<String, Object>> fresh = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            String token = tokenOf(row);
            if (token == null || !OffsetTokens.covers(committed, token)) {
                fresh.add(row);
            }
        }
        return fresh;
    }

    /**
     * A batch that starts at or below what this channel already sent (and did not find committed) is out of
     * order: sending it would break the token order the warehouse relies on, dropping it could lose rows.
     */
    private void requireAfterLastSent(String firstToken, OpenChannel channel) {
        if (firstToken != null && channel.lastSent().isPresent()
                && OffsetTokens.covers(channel.lastSent(), firstToken)) {
            throw new IllegalStateException("Out-of-order batch for channel " + channelId + ": it starts at offset"
                    + " token " + firstToken + " but the channel already sent up to " + channel.lastSent().get());
        }
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

    private String tokenOf(Map<String, Object> row) {
        Object token = row.get(endpoint.getOffsetTokenColumn());
        return token == null ? null : token.toString();
    }

    private void deadLetter(List<RejectedRow> rejected) {
        if (deadLetters == null) {
            RejectedRow first = rejected.get(0);
            throw new RejectedRowsException(rejected.size() + " rows refused by channel " + channelId
                    + " and no deadLetterUri is set; first: row " + first.index() + ": " + first.message());
        }
        for (RejectedRow row : rejected) {
            Exchange sent = deadLetters.send(endpoint.getDeadLetterUri(), e -> {
                e.getMessage().setBody(row.row());
                e.getMessage().setHeader(SnowpipeStreamingConstants.REJECTED_ROW_INDEX, row.index());
                e.getMessage().setHeader(SnowpipeStreamingConstants.REJECTED_REASON, row.message());
                e.getMessage().setHeader(SnowpipeStreamingConstants.REJECTED_CODE, row.code());
                e.getMessage().setHeader(SnowpipeStreamingConstants.CHANNEL, channelId.toString());
            });
            if (sent.getException() != null) {
                // the row is neither landed nor dead-lettered: fail the batch rather than lose it quietly
                throw new RejectedRowsException("Row " + row.index() + " refused by channel " + channelId
                        + " could not be dead-lettered: " + sent.getException().getMessage());
            }
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
