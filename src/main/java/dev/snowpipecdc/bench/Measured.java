package dev.snowpipecdc.bench;

/**
 * One run: how many changes, in how many seconds of wall time and of this process's CPU, the heap it needed and the
 * bytes the sink sent (0 where nothing is sent).
 */
public record Measured(long changes, double seconds, double cpuSeconds, long peakHeapBytes, long bytesSent) {

    public double changesPerSecond() {
        return changes / seconds;
    }

    /** CPU microseconds per change. */
    public double cpuMicrosPerChange() {
        return cpuSeconds * 1e6 / changes;
    }

    public double bytesPerChange() {
        return (double) bytesSent / changes;
    }

    Measured withBytesSent(long bytes) {
        return new Measured(changes, seconds, cpuSeconds, peakHeapBytes, bytes);
    }
}
