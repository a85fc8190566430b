package dev.snowpipecdc.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of this JVM's threads, grouped by what their names say they do, so that a run's CPU can be split into
 * Debezium's reader, the routes (on the engine's hand-over thread), the ingest SDK, the embedded warehouse's server
 * and Camel's own threads; on Linux also the JVM's garbage collector and JIT compilers and the native threads that
 * never became Java threads (DuckDB's workers), from /proc. What remains of the process's CPU is "other".
 */
final class ThreadCpu {

    static final String DEBEZIUM_READER = "Debezium reader (decoding the WAL)";
    static final String ROUTES = "routes (Debezium hand-over thread: parse, enrich, batch, SDK insert)";
    static final String SDK = "ingest SDK (Parquet build, upload, register)";
    static final String WAREHOUSE = "embedded warehouse (HTTP server and loads, task scheduler)";
    static final String CAMEL = "Camel threads (batch timeouts, monitors, timers)";
    static final String GC = "garbage collector";
    static final String JIT = "JIT compilers";
    static final String NATIVE = "native threads without a Java name (DuckDB's workers, the launcher's thread)";
    static final String OTHER = "other (this benchmark, the JVM's own threads)";

    /** Linux's per-thread CPU accounting: /proc/self/task/TID/stat counts in clock ticks, 100 per second. */
    private static final Path TASKS = Path.of("/proc/self/task");
    private static final double TICKS_PER_SECOND = 100.0;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Map<Long, Long> startNanos = new HashMap<>();
    private final Map<String, Long> startTicks;

    private ThreadCpu() {
        for (long id : THREADS.getAllThreadIds()) {
            long cpu = THREADS.getThreadCpuTime(id);
            if (cpu >= 0) {
                startNanos.put(id, cpu);
            }
        }
        startTicks = nativeTicks();
    }

    static ThreadCpu start() {
        return new ThreadCpu();
    }

    /** Seconds of CPU per group since the start (threads started since then from zero); the rest is "other". */
    Map<String, Double> since(double processCpuSeconds) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (String group : new String[] {DEBEZIUM_READER, ROUTES, SDK, WAREHOUSE, CAMEL}) {
            seconds.put(group, 0.0);
        }
        double attributed = 0;
        long[] ids = THREADS.getAllThreadIds();
        ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            long cpu = THREADS.getThreadCpuTime(ids[i]);
            if (cpu < 0 || infos[i] == null) {
                continue;
            }
            String group = group(infos[i].getThreadName());
            if (group == null) {
                continue;
            }
            double used = (cpu - startNanos.getOrDefault(ids[i], 0L)) / 1e9;
            seconds.merge(group, used, Double::sum);
            attributed += used;
        }
        Map<String, Long> ticks = nativeTicks();
        for (String group : new String[] {GC, JIT, NATIVE}) {
            seconds.put(group, 0.0);
        }
        ticks.forEach((thread, now) -> {
            String group = nativeGroup(thread.substring(thread.indexOf(' ') + 1));
            if (group != null) {
                seconds.merge(group, (now - startTicks.getOrDefault(thread, 0L)) / TICKS_PER_SECOND, Double::sum);
            }
        });
        for (String group : new String[] {GC, JIT, NATIVE}) {
            attributed += seconds.get(group);
        }
        // signed: a negative remainder would show the groups counted more than the process used
        seconds.put(OTHER, processCpuSeconds - attributed);
        return seconds;
    }

    /** The JVM's own threads and native threads by their Linux name; null for the Java threads counted above. */
    static String nativeGroup(String linuxName) {
        if (linuxName.startsWith("GC Thread") || linuxName.startsWith("G1 ")) {
            return GC;
        }
        if (linuxName.startsWith("C1 Compiler") || linuxName.startsWith("C2 Compiler")) {
            return JIT;
        }
        // a thread the JVM did not start keeps the process's name; the main thread has it too, but it only waits
        return linuxName.equals("java") ? NATIVE : null;
    }

    /** "TID name" → user + system ticks of every thread of this process; empty where there is no /proc. */
    private static Map<String, Long> nativeTicks() {
        Map<String, Long> ticks = new HashMap<>();
        if (!Files.isDirectory(TASKS)) {
            return ticks;
        }
        try (Stream<Path> tasks = Files.list(TASKS)) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    // "tid (name) state ..." – the name may hold spaces and parentheses: it ends at the last ')'
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String[] fields = stat.substring(close + 2).split(" ");
                    // after the name: state is field 3 of stat(5), utime 14 and stime 15
                    long used = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    ticks.put(task.getFileName() + " " + stat.substring(open + 1, close), used);
                } catch (IOException | RuntimeException ended) {
                    // the thread ended while being read
                }
            }
        } catch (IOException e) {
            return ticks;
        }
        return ticks;
    }

    /** The group a thread belongs to by its name; null for threads counted under "other". */
    static String group(String name) {
        if (name.startsWith("debezium-") && name.contains("change-event-source")) {
            return DEBEZIUM_READER;
        }
        if (name.startsWith("pool-")) {
            // the embedded engine's executors: the hand-over thread runs the Camel consumer and the routes
            return ROUTES;
        }
        if (name.startsWith("ingest-")) {
            return SDK;
        }
        if (name.startsWith("snowpipe-emulator") || name.startsWith("embedded-warehouse")) {
            return WAREHOUSE;
        }
        if (name.startsWith("Camel (")) {
            return CAMEL;
        }
        return null;
    }
}
