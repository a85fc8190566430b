package dev.snowpipecdc.emulator.sql;

import java.sql.SQLException;
import java.time.Duration;

/** What a session needs from the embedded warehouse around it. */
public interface WarehouseHost {

    /** Creates (attaches) a database with its emulator catalog. */
    void createDatabase(String name, boolean ifNotExists) throws SQLException;

    /** A new session on the warehouse, starting in the given database and schema. */
    EmulatorSession openSession(String database, String schema) throws SQLException;

    /** How much faster than real time schedules run: 30 turns '1 MINUTE' into 2 seconds. */
    double timeScale();

    /** Real time to wait for a schedule or lag of the given length. */
    default Duration scaled(Duration length) {
        return Duration.ofNanos((long) (length.toNanos() / timeScale()));
    }

    /** Asks the scheduler to run a task graph now (EXECUTE TASK); returns at once, as Snowflake does. */
    void executeTask(EmulatorCatalog.ObjectName root);

    /** Where internal stages keep their files (a directory per database, schema and stage under it). */
    default java.nio.file.Path stageDirectory() throws SQLException {
        throw new SQLException("This warehouse has no stages (it is open read-only)");
    }

    /** Tells the scheduler that tasks or dynamic tables changed, so that it looks again. */
    void scheduleChanged();
}
