package dev.snowpipecdc.monitoring;

import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import dev.snowpipecdc.warehouse.NamedQuery;
import dev.snowpipecdc.warehouse.WarehouseSchema;

/**
 * The warehouse and its monitoring and quality queries (sql/monitoring, sql/quality), rendered for the captured
 * tables once the source catalog could be read.
 */
public final class WarehouseQueries {

    private final DataSource warehouse;
    private final WarehouseSchema schema;

    public WarehouseQueries(DataSource warehouse, WarehouseSchema schema) {
        this.warehouse = warehouse;
        this.schema = schema;
    }

    DataSource warehouse() {
        return warehouse;
    }

    /** The monitoring query of that name, once per table it was rendered for. */
    List<NamedQuery> monitoring(String name) throws SQLException {
        List<NamedQuery> queries = schema.objects().monitoring().stream().filter(q -> q.name().equals(name)).toList();
        if (queries.isEmpty()) {
            throw new SQLException("No monitoring query " + name + " in sql/monitoring");
        }
        return queries;
    }

    List<NamedQuery> quality() throws SQLException {
        return schema.objects().quality();
    }
}
