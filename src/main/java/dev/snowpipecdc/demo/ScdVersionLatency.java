package dev.snowpipecdc.demo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import dev.snowpipecdc.warehouse.tables.TableSpec;
import dev.snowpipecdc.warehouse.WarehouseObjects;

/** Source commit → SCD Type 2 version written, in milliseconds, for every version of every captured table. */
public final class ScdVersionLatency {

    private ScdVersionLatency() {
    }

    public static List<Double> millis(DataSource warehouse, WarehouseObjects objects) throws SQLException {
        List<Double> millis = new ArrayList<>();
        try (Connection c = warehouse.getConnection(); Statement st = c.createStatement()) {
            for (TableSpec table : objects.tablesWithKey()) {
                try (ResultSet rs = st.executeQuery("SELECT DATEDIFF('millisecond', VALID_FROM, _APPLIED_AT) FROM "
                        + table.name() + "_SCD")) {
                    while (rs.next()) {
                        millis.add(rs.getDouble(1));
                    }
                }
            }
        }
        return millis;
    }
}
