package dev.snowpipecdc.bench;

import java.util.Map;

/**
 * One run: how many changes, in how many seconds of wall time and of this process's CPU, the heap it needed and the
 * bytes the sink sent (0 where nothing is sent), and the CPU split by thread group ({@link ThreadCpu}).
 */
public record Measured(long changes, double seconds, double cpuSeconds, long peakHeapBytes, long bytesSent,
                       Map<String, Double> cpuSecondsByThreads) {

    public double changesPerSecond() {
        return changes / seconds;
    }

    /** CPU microseconds per change. */
    public double cpuMicrosPerChange() {
        return cpuSeconds * 1e6 / changes;
    }

    /** CPU microseconds per change of one thread group. */
    public double cpuMicrosPerChange(String threadGroup) {
        return cpuSecondsByThreads.getOrDefault(threadGroup, 0.0) * 1e6 / changes;
    }

    public double bytesPerChange() {
        return (double) bytesSent / changes;
    }

    Measured withBytesSent(long bytes) {
        return new Measured(changes, seconds, cpuSeconds, peakHeapBytes, bytes, cpuSecondsByThreads);
    }
}
