package dev.snowpipecdc.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.snowpipecdc.cli.Args;
import dev.snowpipecdc.demo.DemoSettings;
import dev.snowpipecdc.demo.WorkloadMix;

/** The bench verb's options with their defaults. */
record BenchSettings(long events, int warmupRounds, int rounds, List<Double> rates, Duration pacedFor, WorkloadMix mix,
                     Set<String> paths, List<Boolean> tasksRunning, Map<String, String> pipelineSettings, Path dataDir,
                     Optional<Path> report, Duration timeout, Duration pipeInterval, long largeBacklog) {

    static final Set<String> VALUE_FLAGS = Set.of("events", "warmup-rounds", "rounds", "rates", "paced-for", "mix", "transaction-size",
            "paths", "tasks", "set", "data-dir", "report", "timeout", "pipe-interval", "large-backlog");

    /** The paths besides the ceiling (always measured: the ratios are to it). */
    static final List<String> PATHS = List.of("discarded", "jdbc", "files", "sdk", "hp");

    /** "500, 1000" */
    static String rates(List<Double> rates) {
        return String.join(", ", rates.stream().map(rate -> String.format(Locale.ROOT, "%.0f", rate)).toList());
    }

    static BenchSettings of(Args args) {
        long events = args.get("events").map(Long::parseLong).orElse(20_000L);
        int rounds = args.get("rounds").map(Integer::parseInt).orElse(3);
        int warmupRounds = args.get("warmup-rounds").map(Integer::parseInt).orElse(1);
        long largeBacklog = args.get("large-backlog").map(Long::parseLong).orElse(0L);
        if (events <= 0 || rounds <= 0 || warmupRounds < 0 || largeBacklog < 0) {
            throw new IllegalArgumentException("--events and --rounds must be positive, --warmup-rounds and"
                    + " --large-backlog at least 0");
        }
        Duration pipeInterval = args.get("pipe-interval").map(DemoSettings::duration).orElse(Duration.ofSeconds(10));
        if (pipeInterval.isZero() || pipeInterval.isNegative()) {
            throw new IllegalArgumentException("--pipe-interval must be positive");
        }
        List<Double> rates = Arrays.stream(args.get("rates").orElse("1000").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).map(Double::parseDouble).toList();
        if (rates.stream().anyMatch(rate -> rate <= 0)) {
            throw new IllegalArgumentException("--rates are changes per second, each above 0");
        }
        WorkloadMix mix = WorkloadMix.parse(args.get("mix").orElse("55:30:15"),
                args.get("transaction-size").map(Integer::parseInt).orElse(3));
        List<Boolean> tasks = switch (args.get("tasks").orElse("both")) {
            case "suspended" -> List.of(false);
            case "running" -> List.of(true);
            case "both" -> List.of(false, true);
            default -> throw new IllegalArgumentException("--tasks is suspended, running or both");
        };
        Set<String> paths = new LinkedHashSet<>();
        for (String path : args.get("paths").orElse(String.join(",", PATHS)).split(",")) {
            if (!PATHS.contains(path.strip())) {
                throw new IllegalArgumentException("--paths takes some of " + PATHS + ", not '" + path + "'");
            }
            paths.add(path.strip());
        }
        Map<String, String> pipelineSettings = new LinkedHashMap<>();
        for (String setting : args.get("set").map(s -> s.split(",")).orElse(new String[0])) {
            int eq = setting.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--set takes key=value[,key=value...], not '" + setting + "'");
            }
            pipelineSettings.put(setting.substring(0, eq).strip(), setting.substring(eq + 1).strip());
        }
        return new BenchSettings(events, warmupRounds, rounds, rates,
                args.get("paced-for").map(DemoSettings::duration).orElse(Duration.ofSeconds(30)), mix, paths, tasks,
                pipelineSettings,
                Path.of(args.get("data-dir").orElse("data/bench")), args.get("report").map(Path::of),
                args.get("timeout").map(DemoSettings::duration).orElse(Duration.ofMinutes(10)), pipeInterval,
                largeBacklog);
    }
}
