package dev.snowpipecdc.enrich;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The current rows of some source tables, by primary key, as the change stream itself reports them. Keys are
 * compared as strings so that a customer id read from the stream (an Integer) and one read from an order's
 * foreign key column (maybe a Long) find the same row.
 */
public final class RowCache {

    private final Map<String, Map<String, Map<String, Object>>> tables = new ConcurrentHashMap<>();

    public Optional<Map<String, Object>> get(String table, Object key) {
        return Optional.ofNullable(rows(table).get(String.valueOf(key)));
    }

    public void put(String table, Object key, Map<String, Object> row) {
        rows(table).put(String.valueOf(key), row);
    }

    public void remove(String table, Object key) {
        rows(table).remove(String.valueOf(key));
    }

    /** Forgets every row of the table (it was truncated). */
    public void clear(String table) {
        rows(table).clear();
    }

    public int size(String table) {
        return rows(table).size();
    }

    private Map<String, Map<String, Object>> rows(String table) {
        return tables.computeIfAbsent(table, t -> new ConcurrentHashMap<>());
    }
}
