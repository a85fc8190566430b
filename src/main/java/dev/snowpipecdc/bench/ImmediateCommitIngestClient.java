package dev.snowpipecdc.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.snowpipecdc.ingest.ChannelId;
import dev.snowpipecdc.ingest.IngestChannel;
import dev.snowpipecdc.ingest.IngestClient;
import dev.snowpipecdc.ingest.InsertOutcome;
import dev.snowpipecdc.ingest.OnError;

/**
 * A benchmark sink whose batches are committed when {@link #write} returns: a channel's committed token is its
 * last batch's end token, kept in memory (so a restart would write batches again: not a sink to run).
 */
abstract class ImmediateCommitIngestClient implements IngestClient {

    private final Map<ChannelId, String> committed = new ConcurrentHashMap<>();

    /** Writes (or drops) a batch of rows for the channel's table; an exception fails the batch. */
    protected abstract void write(ChannelId channel, List<Map<String, Object>> rows);

    @Override
    public IngestChannel openChannel(ChannelId id, OnError onError) {
        return new IngestChannel() {
            @Override
            public ChannelId id() {
                return id;
            }

            @Override
            public InsertOutcome insert(List<Map<String, Object>> rows, String startOffsetToken,
                                        String endOffsetToken) {
                if (rows.isEmpty()) {
                    return InsertOutcome.nothingToSend();
                }
                write(id, rows);
                committed.put(id, endOffsetToken);
                return new InsertOutcome(rows.size(), List.of(), false);
            }

            @Override
            public Optional<String> committedOffsetToken() {
                return Optional.ofNullable(committed.get(id));
            }

            @Override
            public boolean isValid() {
                return true;
            }

            @Override
            public void close() {
                // nothing buffered
            }
        };
    }

    @Override
    public Map<ChannelId, Optional<String>> committedOffsetTokens(List<IngestChannel> channels) {
        Map<ChannelId, Optional<String>> tokens = new HashMap<>();
        channels.forEach(channel -> tokens.put(channel.id(), Optional.ofNullable(committed.get(channel.id()))));
        return tokens;
    }

    @Override
    public void flush() {
        // nothing buffered
    }

    @Override
    public void close() {
        committed.clear();
    }
}
