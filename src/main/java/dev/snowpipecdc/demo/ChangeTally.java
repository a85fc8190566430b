package dev.snowpipecdc.demo;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/** Changes counted by table and Debezium op code ("orders/u"). */
public final class ChangeTally {

    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    public void add(String table, String op, long n) {
        counts.computeIfAbsent(table + "/" + op, k -> new AtomicLong()).addAndGet(n);
    }

    public long total() {
        return counts.values().stream().mapToLong(AtomicLong::get).sum();
    }

    public long get(String table, String op) {
        AtomicLong n = counts.get(table + "/" + op);
        return n == null ? 0 : n.get();
    }

    /** Sorted snapshot, e.g. {customers/c=10, orders/u=3}. */
    public Map<String, Long> snapshot() {
        return counts.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get(),
                Long::sum, TreeMap::new));
    }

    /** True when every table and op has the same count in both (zero counts are ignored). */
    public boolean sameAs(ChangeTally other) {
        return nonZero(snapshot()).equals(nonZero(other.snapshot()));
    }

    private static Map<String, Long> nonZero(Map<String, Long> map) {
        return map.entrySet().stream().filter(e -> e.getValue() != 0)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Long::sum, TreeMap::new));
    }

    @Override
    public String toString() {
        return snapshot().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
