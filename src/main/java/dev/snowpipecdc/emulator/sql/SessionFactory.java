package dev.snowpipecdc.emulator.sql;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens sessions for the warehouse around them. */
public final class SessionFactory {

    private SessionFactory() {
    }

    /** A session on {@code duck} (which it owns and closes) in the given database and schema. */
    public static EmulatorSession open(Connection duck, WarehouseHost host, String database, String schema)
            throws SQLException {
        try {
            return new EmulatorSession(duck, host, database, schema);
        } catch (SQLException e) {
            duck.close();
            throw e;
        }
    }
}
