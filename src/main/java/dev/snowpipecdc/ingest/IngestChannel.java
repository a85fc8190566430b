package dev.snowpipecdc.ingest;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One open channel: an ordered stream of rows into one table, with an offset token per batch. */
public interface IngestChannel {

    ChannelId id();

    /**
     * Hands a batch to the channel. The end token becomes the channel's committed token once the batch (and every
     * batch before it) is durably in the table.
     */
    InsertOutcome insert(List<Map<String, Object>> rows, String startOffsetToken, String endOffsetToken);

    /** The offset token of the last batch the warehouse committed; asks the service. */
    Optional<String> committedOffsetToken();

    /** False once the service has given the channel to another writer or refused its data; reopen it then. */
    boolean isValid();

    /** Flushes what is buffered, waits until it is committed, and closes the channel. */
    void close();
}
