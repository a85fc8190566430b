package dev.snowpipecdc.bench;

import java.util.List;
import java.util.Map;

import dev.snowpipecdc.ingest.ChannelId;
import dev.snowpipecdc.ingest.IngestClientFactory;

/**
 * A sink that takes every row and forgets it: the pipeline with it measures the routes' own work per change (parse,
 * route, enrich, batch, the component), without the SDK's Parquet, the HTTP calls or the warehouse's loads.
 */
final class DiscardingIngestClient extends ImmediateCommitIngestClient {

    static final IngestClientFactory FACTORY = settings -> new DiscardingIngestClient();

    @Override
    protected void write(ChannelId channel, List<Map<String, Object>> rows) {
        // dropped on purpose
    }
}
