package dev.snowpipecdc.warehouse;

import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * The schema timer route's bean: renders the warehouse objects for the captured tables (reading the source
 * catalog once it can be reached) and migrates the warehouse to them.
 */
public final class WarehouseSchema {

    /** Renders the warehouse objects; may need the source database, which may be down for a while. */
    @FunctionalInterface
    public interface Renderer {
        WarehouseObjects render() throws SQLException;
    }

    private final SchemaMigrator migrator;
    private final Renderer renderer;
    private WarehouseObjects objects;

    /** @param renderer renders the objects; called until it succeeds once */
    public WarehouseSchema(DataSource warehouse, Renderer renderer) {
        this.migrator = new SchemaMigrator(warehouse);
        this.renderer = renderer;
    }

    /** @return the names of the scripts applied (those up to date are not) */
    public SchemaMigrator.Outcome apply() throws SQLException {
        return migrator.migrate(objects().scripts());
    }

    public synchronized WarehouseObjects objects() throws SQLException {
        if (objects == null) {
            objects = renderer.render();
        }
        return objects;
    }
}
