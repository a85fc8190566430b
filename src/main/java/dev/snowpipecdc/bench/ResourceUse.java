package dev.snowpipecdc.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import com.sun.management.OperatingSystemMXBean;

/**
 * What one measured run took from this JVM: wall time, CPU time of the whole process (the pipeline and the embedded
 * warehouse, which runs in it; PostgreSQL is a process of its own and not counted) and the most heap still in use
 * after a garbage collection (live data, not garbage waiting to be collected) at any of the checks made while
 * waiting.
 */
final class ResourceUse {

    private static final Duration CHECK_EVERY = Duration.ofMillis(20);

    private final OperatingSystemMXBean os =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null).toList();
    private final long startNanos;
    private final long startCpuNanos;
    private final ThreadCpu threadCpu;
    private long peakHeap;

    private ResourceUse() {
        this.startNanos = System.nanoTime();
        this.startCpuNanos = os.getProcessCpuTime();
        this.threadCpu = ThreadCpu.start();
        this.peakHeap = 0;
    }

    static ResourceUse start() {
        return new ResourceUse();
    }

    /**
     * Waits for a condition that is not measured (a route starting, a slot let go), without reading every thread's
     * CPU time as a measured run does at its start; fails after {@code timeout}.
     */
    static void until(BooleanSupplier done, Duration timeout, String what)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("Waited " + timeout.toSeconds() + " s for " + what);
            }
            Thread.sleep(CHECK_EVERY.toMillis());
        }
    }

    /** Waits for the condition, noting the heap in use at each check; fails after {@code timeout}. */
    void await(BooleanSupplier done, Duration timeout, String what) throws InterruptedException, TimeoutException {
        until(() -> {
            peakHeap = Math.max(peakHeap, liveHeap());
            return done.getAsBoolean();
        }, timeout, what);
    }

    /** Heap in use right after each pool's last collection. */
    private long liveHeap() {
        return heapPools.stream().mapToLong(pool -> pool.getCollectionUsage().getUsed()).sum();
    }

    Measured finish(long changes) {
        double cpuSeconds = (os.getProcessCpuTime() - startCpuNanos) / 1e9;
        return new Measured(changes, (System.nanoTime() - startNanos) / 1e9, cpuSeconds, peakHeap, 0,
                threadCpu.since(cpuSeconds));
    }
}
