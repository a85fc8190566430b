package dev.snowpipecdc.ingest;

/**
 * How the {@code snowpipe-streaming} component gets its {@link IngestClient}: by its {@code sdk} option, the classic
 * or the high-performance SDK, unless a bean of this type is in the registry (the pipeline's configuration sets it
 * on the component), e.g. a benchmark's sink.
 */
@FunctionalInterface
public interface IngestClientFactory {

    String CLASSIC_SDK = "classic";
    String HIGH_PERFORMANCE_SDK = "high-performance";

    /** The classic {@code snowflake-ingest-sdk}. */
    IngestClientFactory CLASSIC = ClassicIngestClient::connect;
    /** The high-performance {@code snowpipe-streaming} SDK, through each table's default pipe. */
    IngestClientFactory HIGH_PERFORMANCE = HighPerformanceIngestClient::connect;

    IngestClient connect(IngestSettings settings);

    /** The factory of an SDK by its setting's name ({@code classic}, {@code high-performance}). */
    static IngestClientFactory of(String sdk) {
        return switch (sdk == null ? "" : sdk.strip()) {
            case CLASSIC_SDK -> CLASSIC;
            case HIGH_PERFORMANCE_SDK -> HIGH_PERFORMANCE;
            default -> throw new IllegalArgumentException("Unknown Snowpipe Streaming SDK '" + sdk + "': "
                    + CLASSIC_SDK + " or " + HIGH_PERFORMANCE_SDK + " (snowflake.sdk, SNOWFLAKE_SDK)");
        };
    }
}
