package dev.snowpipecdc.demo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/** What the warehouse holds, read with Snowflake SQL through the {@code warehouse} data source. */
final class LandedChanges {

    private final DataSource warehouse;

    LandedChanges(DataSource warehouse) {
        this.warehouse = warehouse;
    }

    /** Rows of RAW_CHANGES by source table and op. */
    ChangeTally landed() throws SQLException {
        ChangeTally tally = new ChangeTally();
        try (Connection c = warehouse.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT TABLE_NAME, OPERATION, COUNT(*) FROM RAW_CHANGES"
                     + " GROUP BY TABLE_NAME, OPERATION")) {
            while (rs.next()) {
                tally.add(rs.getString(1), rs.getString(2), rs.getLong(3));
            }
        }
        return tally;
    }

    long deadLettered() throws SQLException {
        try (Connection c = warehouse.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM DEAD_LETTERS")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
