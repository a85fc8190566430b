package dev.snowpipecdc.change;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimestampsTest {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'");

    @Test
    void written_as_the_patterns_write_them_in_every_year() {
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            // from year -20000 to 30000, and often in this century
            long seconds = i % 2 == 0 ? 1_700_000_000L + random.nextInt(300_000_000)
                    : -693_000_000_000L + (long) (random.nextDouble() * 1_600_000_000_000L);
            Instant instant = Instant.ofEpochSecond(seconds, random.nextInt(1_000_000_000));
            assertThat(Timestamps.utc(instant)).isEqualTo(UTC.format(instant.atOffset(ZoneOffset.UTC)));
            LocalDateTime local = LocalDateTime.ofEpochSecond(seconds, random.nextInt(1_000_000_000),
                    ZoneOffset.UTC);
            assertThat(Timestamps.local(local)).isEqualTo(LOCAL.format(local));
        }
        assertThat(Timestamps.utc(Instant.parse("2026-01-02T03:04:05.000006Z")))
                .isEqualTo("2026-01-02T03:04:05.000006Z");
        assertThat(Timestamps.local(LocalDateTime.of(7, 1, 1, 0, 0))).isEqualTo("0007-01-01T00:00:00.000000");
        // yyyy is the year of the era: 1 BC (year 0) is 0001, 2 BC is 0002
        for (int year : new int[] {0, -1, 1, 9999, 10000}) {
            LocalDateTime t = LocalDateTime.of(year, 6, 30, 23, 59, 59, 999_999_999);
            assertThat(Timestamps.local(t)).as("year " + year).isEqualTo(LOCAL.format(t));
            Instant instant = t.toInstant(ZoneOffset.UTC);
            assertThat(Timestamps.utc(instant)).as("year " + year)
                    .isEqualTo(UTC.format(instant.atOffset(ZoneOffset.UTC)));
        }
        assertThat(Timestamps.local(LocalDateTime.of(0, 1, 1, 0, 0))).startsWith("0001-");
    }
}
