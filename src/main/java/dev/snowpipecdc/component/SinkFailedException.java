package dev.snowpipecdc.component;

/**
 * A channel gave up: it could not deliver (its instance was invalidated again and again, or a batch failed past
 * its retries). Nothing more is sent on it, so that nothing after the undelivered rows can be committed and make
 * a replay skip them. Retrying does not help; restarting the pipeline does (it replays from the source offset).
 */
public class SinkFailedException extends RuntimeException {

    public SinkFailedException(String message) {
        super(message);
    }
}
