package dev.snowpipecdc.demo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

/** What the warehouse holds, read with Snowflake SQL through the {@code warehouse} data source. */
final class LandedChanges {

    /** The reason the warehouse's parse tasks give (sql/templates/table.sql). */
    static final String WAREHOUSE_REASON = "type-mismatch";

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

    /** Rows of DEAD_LETTERS by reason, the warehouse's own included. */
    Map<String, Long> deadLettersByReason() throws SQLException {
        Map<String, Long> byReason = new TreeMap<>();
        try (Connection c = warehouse.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT REASON, COUNT(*) FROM DEAD_LETTERS GROUP BY REASON")) {
            while (rs.next()) {
                byReason.put(rs.getString(1), rs.getLong(2));
            }
        }
        return byReason;
    }
}
