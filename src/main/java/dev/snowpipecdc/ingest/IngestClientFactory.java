package dev.snowpipecdc.ingest;

import java.util.Optional;

import javax.sql.DataSource;

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

    IngestClient connect(IngestSettings settings);

    /** The factory of an SDK by its setting's name ({@code classic}, {@code high-performance}). */
    static IngestClientFactory of(String sdk) {
        return of(sdk, Optional.empty());
    }

    /**
     * The factory of an SDK by its setting's name; the high-performance SDK, which leaves validation to the server,
     * checks rows against their table's columns read from {@code warehouse} before it sends them.
     */
    static IngestClientFactory of(String sdk, Optional<DataSource> warehouse) {
        return switch (sdk == null ? "" : sdk.strip()) {
            case CLASSIC_SDK -> CLASSIC;
            case HIGH_PERFORMANCE_SDK -> settings -> HighPerformanceIngestClient.connect(settings, warehouse);
            default -> throw new IllegalArgumentException("Unknown Snowpipe Streaming SDK '" + sdk + "': "
                    + CLASSIC_SDK + " or " + HIGH_PERFORMANCE_SDK + " (snowflake.sdk, SNOWFLAKE_SDK)");
        };
    }
}
