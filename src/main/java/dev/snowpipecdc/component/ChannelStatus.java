package dev.snowpipecdc.component;

import java.util.Optional;

import dev.snowpipecdc.ingest.ChannelId;

/**
 * Where one channel stands, for monitoring.
 *
 * @param reason          why it is reopening or failed
 * @param unconfirmedRows rows sent and not yet seen committed
 */
public record ChannelStatus(ChannelId id, State state, Optional<String> reason, long unconfirmedRows) {

    public enum State {
        /** Not opened yet in this process. */
        NOT_OPEN,
        /** Open and valid. */
        OPEN,
        /** Invalidated or suspect: reopened (and its unconfirmed rows sent again) before its next use. */
        REOPENING,
        /** Gave up: nothing more is delivered until the pipeline restarts. */
        FAILED
    }
}
