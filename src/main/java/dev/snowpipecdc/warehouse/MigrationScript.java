package dev.snowpipecdc.warehouse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.OptionalInt;

/**
 * A script as the schema history knows it. A versioned script is applied once and may never change: its
 * checksum is of the file as written. A repeatable one is applied again whenever its rendered text changes
 * (a new setting, a new column): its checksum is of the SQL that runs.
 *
 * @param name    the file name, or {@code R__table_<TABLE>} for a table's rendered objects
 * @param version the version of a versioned script; empty for a repeatable one
 * @param sql     the SQL to run
 */
public record MigrationScript(String name, OptionalInt version, String sql, String checksum) {

    public static MigrationScript versioned(SqlFile file, String renderedSql) {
        return new MigrationScript(file.fileName(), OptionalInt.of(SqlFiles.version(file)), renderedSql,
                sha256(file.text()));
    }

    public static MigrationScript repeatable(String name, String renderedSql) {
        return new MigrationScript(name, OptionalInt.empty(), renderedSql, sha256(renderedSql));
    }

    public boolean isRepeatable() {
        return version.isEmpty();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
