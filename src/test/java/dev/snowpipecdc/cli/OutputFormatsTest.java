package dev.snowpipecdc.cli;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Snowflake's output formats as docs.snowflake.com/en/sql-reference/date-time-input-output lists them. */
class OutputFormatsTest {

    private static final LocalDateTime LOCAL = LocalDateTime.of(2016, 1, 1, 13, 59, 59, 123_456_789);
    private static final ZonedDateTime ZONED = LOCAL.atZone(ZoneOffset.ofHours(-8));

    @Test
    void should_print_the_default_timestamp_format_with_an_offset_only_for_values_that_have_one() {
        String format = "YYYY-MM-DD HH24:MI:SS.FF3 TZHTZM";

        assertThat(OutputFormats.formatter(format, false).format(LOCAL)).isEqualTo("2016-01-01 13:59:59.123");
        assertThat(OutputFormats.formatter(format, true).format(ZONED)).isEqualTo("2016-01-01 13:59:59.123 -0800");
    }

    @Test
    void should_print_names_of_days_and_months_twelve_hour_clocks_and_fractions() {
        assertThat(OutputFormats.formatter("DY, DD MON YYYY HH24:MI:SS", false).format(LOCAL))
                .isEqualTo("Fri, 01 Jan 2016 13:59:59");
        assertThat(OutputFormats.formatter("MM/DD/YY HH12:MI AM", false).format(LOCAL)).isEqualTo("01/01/16 01:59 PM");
        assertThat(OutputFormats.formatter("HH24:MI:SS.FF9 TZH:TZM", true).format(ZONED))
                .isEqualTo("13:59:59.123456789 -08:00");
    }
}
