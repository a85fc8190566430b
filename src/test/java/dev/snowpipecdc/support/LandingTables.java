package dev.snowpipecdc.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import dev.snowpipecdc.emulator.EmbeddedWarehouse;
import dev.snowpipecdc.warehouse.sql.SqlToken;
import dev.snowpipecdc.warehouse.sql.SqlTokenizer;

/** RAW_CHANGES and DEAD_LETTERS as sql/V001__landing.sql makes them, for tests of the sink without the schema step. */
public final class LandingTables {

    private LandingTables() {
    }

    public static void create(EmbeddedWarehouse warehouse) throws SQLException, IOException {
        String script;
        try (InputStream in = LandingTables.class.getResourceAsStream("/sql/V001__landing.sql")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection c = warehouse.dataSource().getConnection(); Statement st = c.createStatement()) {
            for (List<SqlToken> statement : SqlTokenizer.statements(script)) {
                StringBuilder text = new StringBuilder();
                statement.forEach(token -> text.append(token.text()));
                st.execute(text.toString());
            }
        }
    }
}
