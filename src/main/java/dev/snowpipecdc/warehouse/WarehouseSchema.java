package dev.snowpipecdc.warehouse;

import java.sql.SQLException;
import java.util.function.Supplier;

import javax.sql.DataSource;

/**
 * The schema timer route's bean: renders the warehouse objects for the captured tables (reading the source
 * catalog once, at the first call) and migrates the warehouse to them.
 */
public final class WarehouseSchema {

    private final SchemaMigrator migrator;
    private final Supplier<WarehouseObjects> renderer;
    private WarehouseObjects objects;

    /** @param renderer renders the objects; called once */
    public WarehouseSchema(DataSource warehouse, Supplier<WarehouseObjects> renderer) {
        this.migrator = new SchemaMigrator(warehouse);
        this.renderer = renderer;
    }

    /** @return the names of the scripts applied (those up to date are not) */
    public SchemaMigrator.Outcome apply() throws SQLException {
        return migrator.migrate(objects().scripts());
    }

    public synchronized WarehouseObjects objects() {
        if (objects == null) {
            objects = renderer.get();
        }
        return objects;
    }
}
