package dev.snowpipecdc.source.debezium;

import java.lang.management.ManagementFactory;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Whether Debezium's embedded engine is running, as its own JMX registration says: the connector registers its
 * metrics beans when its task starts and removes them when the task stops, fails or restarts after an error (a
 * lost connection). camel-debezium 4.17 does not tell: its route stays Started after the engine died.
 */
public final class DebeziumEngine {

    private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();

    private final ObjectName streamingMetrics;
    private final ObjectName snapshotMetrics;

    /** @param topicPrefix the connector's topic.prefix (cdc.source.name) */
    public DebeziumEngine(String topicPrefix) {
        this.streamingMetrics = metrics("streaming", topicPrefix);
        this.snapshotMetrics = metrics("snapshot", topicPrefix);
    }

    public boolean running() {
        return JMX.isRegistered(streamingMetrics);
    }

    /** The engine runs and is reading the tables for its initial snapshot (streaming starts after it). */
    public boolean snapshotting() {
        try {
            return JMX.isRegistered(snapshotMetrics)
                    && Boolean.TRUE.equals(JMX.getAttribute(snapshotMetrics, "SnapshotRunning"));
        } catch (JMException e) {
            // unregistered in between: the engine stopped
            return false;
        }
    }

    private static ObjectName metrics(String context, String topicPrefix) {
        try {
            return new ObjectName("debezium.postgres:type=connector-metrics,context=" + context + ",server="
                    + topicPrefix);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("cdc.source.name " + topicPrefix + " is not a valid JMX name value", e);
        }
    }
}
