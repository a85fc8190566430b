package dev.snowpipecdc.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import dev.snowpipecdc.cli.Args;

/** The demo's options with their defaults. */
public record DemoSettings(long events, Duration duration, double rate, Optional<Path> script, Path dataDir,
                    Duration timeout, boolean json) {

    static final long DEFAULT_EVENTS = 2000;
    static final double DEFAULT_RATE = 1000;

    static DemoSettings of(Args args) {
        Optional<Duration> duration = args.get("duration").map(DemoSettings::duration);
        long events = args.get("events").map(Long::parseLong)
                .orElse(duration.isPresent() ? Long.MAX_VALUE : DEFAULT_EVENTS);
        if (events <= 0) {
            throw new IllegalArgumentException("--events must be positive");
        }
        double rate = args.get("rate").map(Double::parseDouble).orElse(DEFAULT_RATE);
        if (rate < 0) {
            throw new IllegalArgumentException("--rate must be 0 (as fast as possible) or positive");
        }
        Optional<Path> script = args.get("source-script").map(Path::of);
        script.ifPresent(s -> {
            if (!Files.isReadable(s)) {
                throw new IllegalArgumentException("--source-script " + s + " is not a readable file");
            }
        });
        return new DemoSettings(events, duration.orElse(Duration.ofDays(365)), rate, script,
                Path.of(args.get("data-dir").orElse("data/demo")),
                args.get("timeout").map(DemoSettings::duration).orElse(Duration.ofMinutes(2)), args.flag("json"));
    }

    String rateDescription() {
        String howMany = events == Long.MAX_VALUE ? "for " + duration.toSeconds() + " s" : events + " changes";
        return howMany + (rate == 0 ? ", as fast as possible" : ", " + (long) rate + " per second");
    }

    /** "90", "90s", "2m", "1h" or ISO-8601 ("PT90S"). */
    public static Duration duration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("pt")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            char unit = t.charAt(t.length() - 1);
            if (Character.isDigit(unit)) {
                return Duration.ofSeconds(Long.parseLong(t));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (unit) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> throw new IllegalArgumentException("Unknown duration unit in '" + text + "'");
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Not a duration: '" + text + "' (use e.g. 90s, 2m, 1h)", e);
        }
    }
}
