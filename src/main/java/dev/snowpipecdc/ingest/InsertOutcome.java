package dev.snowpipecdc.ingest;

import java.util.List;

/**
 * What happened to a batch handed to a channel. Accepted rows are buffered, not yet committed: a channel's
 * committed offset token says when they are.
 *
 * @param accepted rows buffered for commit
 * @param rejected rows refused by validation, in batch order
 */
public record InsertOutcome(int accepted, List<RejectedRow> rejected) {
}
