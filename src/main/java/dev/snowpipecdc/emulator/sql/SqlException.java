package dev.snowpipecdc.emulator.sql;

import java.sql.SQLException;

/**
 * A statement the embedded warehouse cannot run as Snowflake would. The message names the construct, the line and
 * the statement, and points to the table of supported constructs.
 */
public class SqlException extends SQLException {

    public static final String SUPPORTED_CONSTRUCTS_DOC = "docs/embedded-warehouse.md";

    public SqlException(String message, Throwable cause) {
        super(message, "0A000", cause);
    }

    public static SqlException unsupported(String construct, int line, String statement) {
        return new SqlException("The embedded warehouse does not support " + construct + " (line " + line
                + ") in statement: " + statement.strip() + " -- supported constructs are listed in "
                + SUPPORTED_CONSTRUCTS_DOC, null);
    }
}
