package dev.snowpipecdc.bench;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LatencyProfileTest {

    @Test
    void nearest_rank_quantiles_of_measured_values() {
        List<Double> millis = IntStream.rangeClosed(1, 1000).mapToObj(i -> (double) i).toList();
        LatencyProfile profile = LatencyProfile.ofMillis(millis);
        assertThat(profile.count()).isEqualTo(1000);
        assertThat(profile.at(0.5)).isEqualTo(500);
        assertThat(profile.at(0.95)).isEqualTo(950);
        assertThat(profile.at(0.99)).isEqualTo(990);
        assertThat(profile.at(1.0)).isEqualTo(1000);
        assertThat(profile.at(0.123)).isNaN();
        assertThat(LatencyProfile.ofMillis(List.of()).isEmpty()).isTrue();
    }

    @Test
    void a_timer_with_the_benchmark_s_quantiles_gives_them_to_two_digits() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Timer timer = Timer.builder("t").publishPercentiles(LatencyProfile.QUANTILES).percentilePrecision(2)
                .register(registry);
        IntStream.rangeClosed(1, 1000).forEach(i -> timer.record(Duration.ofMillis(i * 2L)));
        LatencyProfile profile = LatencyProfile.of(timer);
        assertThat(profile.count()).isEqualTo(1000);
        assertThat(profile.at(0.5)).isCloseTo(1000, within(20.0));
        assertThat(profile.at(0.99)).isCloseTo(1980, within(40.0));
        assertThat(profile.at(1.0)).isCloseTo(2000, within(40.0));
    }
}
