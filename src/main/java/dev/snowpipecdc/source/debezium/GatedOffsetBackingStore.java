package dev.snowpipecdc.source.debezium;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import dev.snowpipecdc.delivery.DeliveryGate;
import io.debezium.embedded.KafkaConnectUtil;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.FileOffsetBackingStore;
import org.apache.kafka.connect.storage.OffsetBackingStore;
import org.apache.kafka.connect.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debezium's file offset store, saving offsets only once the destination (the warehouse; Kafka in the publish
 * topology) has acknowledged every change before them ({@link DeliveryGate#awaitDelivered}). Debezium saves offsets on its polling thread, between batches, so no
 * change is handed on while the gate waits: the source is held back. The PostgreSQL connector confirms to the
 * replication slot the position it reads back from this store, so the slot never moves past undelivered changes
 * either. When the gate says "not yet", the save fails: Debezium keeps the offsets and tries again after its next
 * batch.
 */
public final class GatedOffsetBackingStore implements OffsetBackingStore {

    private static final Logger LOG = LoggerFactory.getLogger(GatedOffsetBackingStore.class);
    static final String FILE_NAME = "offset.storage.file.filename";

    private final FileOffsetBackingStore file = KafkaConnectUtil.fileOffsetBackingStore();
    private DeliveryGate gate;

    @Override
    public void configure(WorkerConfig config) {
        file.configure(config);
        Path offsets = Path.of(config.getString(FILE_NAME));
        gate = DeliveryGates.forOffsets(offsets).orElseThrow(() -> new IllegalStateException(
                "No delivery gate for the offsets file " + offsets + ": " + GatedOffsetBackingStore.class.getName()
                        + " works inside snowpipe-cdc, whose pipeline registers it"));
    }

    @Override
    public void start() {
        file.start();
    }

    @Override
    public void stop() {
        file.stop();
    }

    @Override
    public Future<Map<ByteBuffer, ByteBuffer>> get(Collection<ByteBuffer> keys) {
        return file.get(keys);
    }

    @Override
    public Future<Void> set(Map<ByteBuffer, ByteBuffer> values, Callback<Void> callback) {
        try {
            gate.awaitDelivered();
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted() || interrupted(e)) {
                // the source is stopping: its last saved position stays, and a restart replays from there
                LOG.info("Source offsets not saved while stopping: {}", e.getMessage());
            } else {
                LOG.warn("Source offsets not saved: {}", e.getMessage());
            }
            if (callback != null) {
                callback.onCompletion(e, null);
            }
            return CompletableFuture.failedFuture(e);
        }
        Future<Void> saved = file.set(values, callback);
        try {
            // the engine gives the whole save a few seconds, most of which the gate may have used: finish here
            saved.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.warn("Source offsets could not be written: {}", e.getCause().getMessage());
        }
        return saved;
    }

    private static boolean interrupted(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Set<Map<String, Object>> connectorPartitions(String connectorName) {
        return file.connectorPartitions(connectorName);
    }
}
