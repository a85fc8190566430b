package dev.snowpipecdc.health;

import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.health.HealthCheck;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The first mistake stops the pipeline once; a failure that comes from a stop under way is no mistake. */
class StartupFailureTest {

    private final AtomicInteger stops = new AtomicInteger();
    private final StartupFailure failure = new StartupFailure(stops::incrementAndGet);

    @Test
    void should_keep_the_first_failure_stop_once_and_report_it_in_readiness() {
        assertThat(failure.call().getState()).isEqualTo(HealthCheck.State.UP);

        failure.fail("first");
        failure.fail("second");

        assertThat(failure.failure()).hasValue("first");
        assertThat(stops).hasValue(1);
        assertThat(failure.isReadiness()).isTrue();
        assertThat(failure.isLiveness()).isFalse();
        assertThat(failure.call().getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(failure.call().getMessage()).hasValue("The pipeline cannot run: first");
    }

    @Test
    void should_not_count_what_fails_because_the_pipeline_is_stopping() {
        failure.stopping();

        failure.fail("Redelivery not allowed while stopping");

        assertThat(failure.failure()).isEmpty();
        assertThat(stops).hasValue(0);
    }
}
