package dev.snowpipecdc.ingest;

import java.util.List;

/**
 * What happened to a batch handed to a channel. Accepted rows are buffered, not yet committed: a channel's
 * committed offset token says when they are.
 *
 * @param accepted rows buffered for commit
 * @param rejected rows refused by validation, in batch order (an index of -1: the service did not say which)
 * @param batchRefused true when the channel took none of the rows (ON_ERROR SKIP_BATCH or ABORT with an invalid
 *                     row): the valid rows were not buffered either
 */
public record InsertOutcome(int accepted, List<RejectedRow> rejected, boolean batchRefused) {

    public static InsertOutcome nothingToSend() {
        return new InsertOutcome(0, List.of(), false);
    }
}
