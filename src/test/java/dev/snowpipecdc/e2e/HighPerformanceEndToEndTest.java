package dev.snowpipecdc.e2e;

import dev.snowpipecdc.ingest.IngestClientFactory;

/**
 * Every test of {@link PipelineEndToEndTest} with the high-performance SDK writing: PostgreSQL 17 → Debezium → the
 * routes → {@code com.snowflake:snowpipe-streaming} → each table's default pipe on the embedded warehouse, with the
 * same exact counts, tokens, histories and metrics.
 */
class HighPerformanceEndToEndTest extends PipelineEndToEndTest {

    @Override
    protected String sdk() {
        return IngestClientFactory.HIGH_PERFORMANCE_SDK;
    }
}
