package dev.snowpipecdc.emulator.sql;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Task schedules: intervals scaled by the warehouse's time scale, cron times in their zone. */
class ScheduleTest {

    private static final Instant MONDAY_NOON_UTC = Instant.parse("2026-11-23T12:00:30Z");

    @Test
    void should_divide_intervals_by_the_time_scale() throws SqlException {
        assertThat(Schedule.parse("1 MINUTE").next(MONDAY_NOON_UTC, 30))
                .isEqualTo(MONDAY_NOON_UTC.plus(Duration.ofSeconds(2)));
        assertThat(Schedule.parse("90 SECONDS").next(MONDAY_NOON_UTC, 1))
                .isEqualTo(MONDAY_NOON_UTC.plusSeconds(90));
    }

    @Test
    void should_find_the_next_cron_time_in_its_zone() throws SqlException {
        // weekdays at 06:00 in Los Angeles = 14:00 UTC in November
        assertThat(Schedule.parse("USING CRON 0 6 * * 1-5 America/Los_Angeles").next(MONDAY_NOON_UTC, 30))
                .isEqualTo(Instant.parse("2026-11-23T14:00:00Z"));
        assertThat(Schedule.parse("USING CRON */15 * * * * UTC").next(MONDAY_NOON_UTC, 1))
                .isEqualTo(Instant.parse("2026-11-23T12:15:00Z"));
        // Saturday 2026-11-28 at 00:00 UTC, the next weekend day
        assertThat(Schedule.parse("USING CRON 0 0 * * 6,0 UTC").next(MONDAY_NOON_UTC, 1))
                .isEqualTo(Instant.parse("2026-11-28T00:00:00Z"));
    }

    @Test
    void should_refuse_what_snowflake_refuses() {
        assertThatThrownBy(() -> Schedule.parse("5 WEEKS")).hasMessageContaining("Invalid value [5 WEEKS]");
        assertThatThrownBy(() -> Schedule.parse("USING CRON 61 * * * * UTC")).hasMessageContaining("outside 0-59");
    }
}
