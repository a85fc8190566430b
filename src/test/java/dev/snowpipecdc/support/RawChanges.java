package dev.snowpipecdc.support;

import java.sql.SQLException;

import dev.snowpipecdc.demo.ChangeTally;

/** What RAW_CHANGES holds, for exactly-once assertions. */
public final class RawChanges {

    private RawChanges() {
    }

    /** Rows by source table and operation, comparable with the tally of changes the source made. */
    public static ChangeTally byTableAndOp(Sql.ConnectionSource warehouse) throws SQLException {
        ChangeTally landed = new ChangeTally();
        for (String row : Sql.rows(warehouse, "SELECT TABLE_NAME, OPERATION, COUNT(*) FROM RAW_CHANGES GROUP BY ALL")) {
            String[] cells = row.split("\\|");
            landed.add(cells[0], cells[1], Long.parseLong(cells[2]));
        }
        return landed;
    }

    /** Distinct source positions: equal to the row count when no change landed twice. */
    public static long distinctPositions(Sql.ConnectionSource warehouse) throws SQLException {
        return Sql.number(warehouse, "SELECT COUNT(DISTINCT TABLE_NAME || OFFSET_TOKEN) FROM RAW_CHANGES");
    }
}
