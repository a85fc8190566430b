package dev.snowpipecdc.support;

import java.sql.SQLException;
import java.util.List;

import dev.snowpipecdc.warehouse.SchemaMigrator;
import dev.snowpipecdc.warehouse.SqlFiles;
import dev.snowpipecdc.warehouse.WarehouseObjects;
import dev.snowpipecdc.warehouse.tables.ColumnSpec;
import dev.snowpipecdc.warehouse.tables.TableSpec;
import org.apache.camel.impl.DefaultCamelContext;

/** The captured table of the warehouse tests, {@code public.items}: ID key; NAME and PRICE tracked, NOTE not. */
public final class ItemsTable {

    public static final TableSpec ITEMS = new TableSpec("public", "items", "ITEMS",
            List.of(ColumnSpec.of("id", "NUMBER(10,0)"), ColumnSpec.of("name", "VARCHAR(100)"),
                    ColumnSpec.of("price", "NUMBER(10,2)"), ColumnSpec.of("note", "VARCHAR")),
            List.of("ID"), List.of("NAME", "PRICE"));

    private ItemsTable() {
    }

    /** The objects of sql/ for the table, with a schedule that never fires in a test: tests run the tasks. */
    public static WarehouseObjects objects(TableSpec table) {
        return new WarehouseObjects(new SqlFiles(new DefaultCamelContext(), "classpath:sql"), List.of(table),
                new WarehouseObjects.Settings("COMPUTE_WH", "60 MINUTE"));
    }

    /** Applies the table's objects to the warehouse. */
    public static WarehouseObjects apply(Warehouse w, TableSpec table) throws SQLException {
        WarehouseObjects objects = objects(table);
        new SchemaMigrator(w.embedded().dataSource()).migrate(objects.scripts());
        return objects;
    }
}
