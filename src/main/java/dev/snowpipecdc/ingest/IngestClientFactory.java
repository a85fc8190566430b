package dev.snowpipecdc.ingest;

/**
 * How the {@code snowpipe-streaming} component gets its {@link IngestClient}: the classic SDK unless a bean of this
 * type is in the registry (the pipeline's configuration sets it on the component), e.g. a second SDK, or a
 * benchmark's sink.
 */
@FunctionalInterface
public interface IngestClientFactory {

    /** The classic {@code snowflake-ingest-sdk}. */
    IngestClientFactory CLASSIC = ClassicIngestClient::connect;

    IngestClient connect(IngestSettings settings);
}
