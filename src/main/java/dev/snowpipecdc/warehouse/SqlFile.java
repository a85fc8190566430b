package dev.snowpipecdc.warehouse;

/** A file of sql/, by its path under the sql location (e.g. {@code quality/scd_gaps_and_overlaps.sql}). */
public record SqlFile(String path, String text) {

    public String fileName() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The file name without {@code .sql}. */
    public String baseName() {
        String name = fileName();
        return name.endsWith(".sql") ? name.substring(0, name.length() - 4) : name;
    }
}
