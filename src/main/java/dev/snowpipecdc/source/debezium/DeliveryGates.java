package dev.snowpipecdc.source.debezium;

import dev.snowpipecdc.delivery.DeliveryGate;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where {@link GatedOffsetBackingStore} finds its gate. Debezium creates the offset store by class name, with no
 * way to hand it an object, so the pipeline registers its gate under the offsets file the store is configured
 * with (cdc.data-dir/debezium-offsets.dat).
 */
public final class DeliveryGates {

    private static final Map<Path, DeliveryGate> BY_OFFSETS_FILE = new ConcurrentHashMap<>();

    private DeliveryGates() {
    }

    public static void register(Path offsetsFile, DeliveryGate gate) {
        BY_OFFSETS_FILE.put(key(offsetsFile), gate);
    }

    public static void unregister(Path offsetsFile) {
        BY_OFFSETS_FILE.remove(key(offsetsFile));
    }

    static Optional<DeliveryGate> forOffsets(Path offsetsFile) {
        return Optional.ofNullable(BY_OFFSETS_FILE.get(key(offsetsFile)));
    }

    private static Path key(Path file) {
        return file.toAbsolutePath().normalize();
    }
}
