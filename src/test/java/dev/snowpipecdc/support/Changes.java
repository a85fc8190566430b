package dev.snowpipecdc.support;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import dev.snowpipecdc.change.ChangeEvent;
import dev.snowpipecdc.change.ChangeOp;

/** Change events for tests that start after parsing. */
public final class Changes {

    private Changes() {
    }

    public static ChangeEvent create(String table, String keyColumn, int id, Map<String, Object> row, String token) {
        return new ChangeEvent("public", table, ChangeOp.CREATE, Optional.empty(), Optional.of(row),
                Map.of(keyColumn, id), Instant.parse("2026-11-25T10:00:00Z"), 100, OptionalLong.of(7), token,
                Map.of());
    }

    public static ChangeEvent delete(String table, String keyColumn, int id, Map<String, Object> row, String token) {
        return new ChangeEvent("public", table, ChangeOp.DELETE, Optional.of(row), Optional.empty(),
                Map.of(keyColumn, id), Instant.parse("2026-11-25T10:00:00Z"), 100, OptionalLong.of(7), token,
                Map.of());
    }
}
