package dev.snowpipecdc.component;

import dev.snowpipecdc.ingest.IngestClientFactory;

/**
 * Every test of {@link SnowpipeStreamingComponentTest} with the high-performance SDK writing through each table's
 * default pipe on the embedded warehouse: the same delivery (tokens, reopen after a takeover, outage, restart
 * without duplicates, rows refused by the client's check before sending), the same component.
 */
class HighPerformanceComponentTest extends SnowpipeStreamingComponentTest {

    @Override
    protected String sdk() {
        return IngestClientFactory.HIGH_PERFORMANCE_SDK;
    }
}
