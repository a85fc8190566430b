package dev.snowpipecdc.emulator.sql;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Locale;

/**
 * A task schedule: {@code 'N SECOND[S] | MINUTE[S] | HOUR[S]'} (an interval, run faster by the emulator's time
 * scale) or {@code 'USING CRON min hour day-of-month month day-of-week TZ'} (wall-clock times, not scaled).
 */
record Schedule(Duration interval, Cron cron) {

    static Schedule parse(String text) throws SqlException {
        String t = text.strip().toUpperCase(Locale.ROOT);
        if (t.startsWith("USING CRON")) {
            return new Schedule(null, Cron.parse(text.strip().substring("USING CRON".length()).strip()));
        }
        String[] parts = t.split("\\s+");
        if (parts.length == 2 && parts[0].matches("\\d+")) {
            long n = Long.parseLong(parts[0]);
            Duration unit = switch (parts[1]) {
                case "SECOND", "SECONDS" -> Duration.ofSeconds(1);
                case "MINUTE", "MINUTES" -> Duration.ofMinutes(1);
                case "HOUR", "HOURS" -> Duration.ofHours(1);
                default -> null;
            };
            if (unit != null && n > 0) {
                return new Schedule(unit.multipliedBy(n), null);
            }
        }
        throw new SqlException("Invalid value [" + text + "] for parameter 'SCHEDULE': use 'N MINUTE', 'N SECOND',"
                + " 'N HOUR' or 'USING CRON <expr> <time zone>'", null);
    }

    /** The next run after {@code after}; intervals are divided by {@code timeScale}. */
    Instant next(Instant after, double timeScale) {
        if (interval != null) {
            return after.plusNanos((long) (interval.toNanos() / timeScale));
        }
        return cron.next(after);
    }

    /** A five-field cron expression with a time zone (*, lists, ranges, steps). */
    record Cron(BitSet minutes, BitSet hours, BitSet days, BitSet months, BitSet weekdays, ZoneId zone) {

        static Cron parse(String expression) throws SqlException {
            String[] f = expression.split("\\s+");
            if (f.length != 6) {
                throw new SqlException("Invalid cron schedule '" + expression + "': expected five fields and a time"
                        + " zone", null);
            }
            try {
                BitSet weekdays = field(f[4], 0, 7);
                // 0 and 7 are both Sunday
                if (weekdays.get(7)) {
                    weekdays.set(0);
                    weekdays.clear(7);
                }
                return new Cron(field(f[0], 0, 59), field(f[1], 0, 23), field(f[2], 1, 31), field(f[3], 1, 12),
                        weekdays, ZoneId.of(f[5]));
            } catch (RuntimeException e) {
                throw new SqlException("Invalid cron schedule '" + expression + "': " + e.getMessage(), e);
            }
        }

        private static BitSet field(String spec, int min, int max) {
            BitSet bits = new BitSet();
            for (String part : spec.split(",")) {
                int step = 1;
                String range = part;
                if (part.contains("/")) {
                    step = Integer.parseInt(part.substring(part.indexOf('/') + 1));
                    range = part.substring(0, part.indexOf('/'));
                }
                int from;
                int to;
                if (range.equals("*")) {
                    from = min;
                    to = max;
                } else if (range.contains("-")) {
                    from = Integer.parseInt(range.substring(0, range.indexOf('-')));
                    to = Integer.parseInt(range.substring(range.indexOf('-') + 1));
                } else {
                    from = Integer.parseInt(range);
                    to = part.contains("/") ? max : from;
                }
                if (from < min || to > max || from > to) {
                    throw new IllegalArgumentException("'" + part + "' is outside " + min + "-" + max);
                }
                for (int v = from; v <= to; v += step) {
                    bits.set(v);
                }
            }
            return bits;
        }

        Instant next(Instant after) {
            ZonedDateTime t = after.atZone(zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
            for (int i = 0; i < 4 * 366 * 24 * 60; i++) {
                if (months.get(t.getMonthValue()) && days.get(t.getDayOfMonth())
                        && weekdays.get(t.getDayOfWeek().getValue() % 7) && hours.get(t.getHour())
                        && minutes.get(t.getMinute())) {
                    return t.toInstant();
                }
                t = t.plusMinutes(1);
            }
            return Instant.MAX;
        }
    }
}
