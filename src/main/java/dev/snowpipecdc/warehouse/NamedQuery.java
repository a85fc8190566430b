package dev.snowpipecdc.warehouse;

import java.util.Optional;

/**
 * A quality or monitoring query of sql/, rendered: its name is the file's ({@code scd_gaps_and_overlaps}) and,
 * for a per-table query, the table it was rendered for.
 */
public record NamedQuery(String name, Optional<String> table, String sql) {

    public String label() {
        return table.map(t -> name + "[" + t + "]").orElse(name);
    }
}
