package dev.snowpipecdc.e2e;

import dev.snowpipecdc.ingest.IngestClientFactory;

/**
 * Every test of {@link BadInputTest} with the high-performance SDK writing: the row over the size limit is caught by
 * the client's check against the table's columns (Snowflake would only count it) and dead-lettered with its reason,
 * and the counts reconcile as with the classic SDK.
 */
class HighPerformanceBadInputTest extends BadInputTest {

    @Override
    protected String sdk() {
        return IngestClientFactory.HIGH_PERFORMANCE_SDK;
    }
}
