package dev.snowpipecdc.emulator;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.snowpipecdc.ingest.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EmulatorSmokeTest {
    @TempDir Path dir;

    @Test
    void smoke() throws Exception {
        try (EmbeddedWarehouse wh = EmbeddedWarehouse.start(dir, "TESTDB", "PUBLIC")) {
            try (Connection c = wh.dataSource().getConnection(); Statement st = c.createStatement()) {
                st.execute("create table t1 (id number(10,0) not null, name varchar(20), doc variant, ts timestamp_ltz, amt number(10,2), nts timestamp_ntz)");
            }
            IngestSettings s = new IngestSettings("smoke", wh.ingestUrl(), "U", Optional.empty(), PrivateKeys.generate(), Optional.empty(), Map.of("max_client_lag", 1000));
            try (IngestClient client = ClassicIngestClient.connect(s)) {
                IngestChannel ch = client.openChannel(new ChannelId("TESTDB", "PUBLIC", "T1", "c1"), OnError.CONTINUE);
                List<Map<String,Object>> rows = new ArrayList<>();
                for (int i = 0; i < 5; i++) rows.add(Map.of("ID", i, "NAME", "n" + i, "DOC", Map.of("a", i), "TS", "2026-01-02T03:04:05.123456Z", "AMT", "12.34", "NTS", "2026-01-02T03:04:05.5"));
                rows.add(Map.of("ID", "x"));
                InsertOutcome out = ch.insert(rows, "1", "6");
                System.out.println(out);
                await().atMost(Duration.ofSeconds(30)).until(() -> ch.committedOffsetToken().equals(Optional.of("6")));
            }
            try (Connection c = wh.openDuckDb(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select * from t1 order by id")) {
                while (rs.next()) System.out.println(rs.getObject(1) + " " + rs.getObject(2) + " " + rs.getObject(3) + " " + rs.getObject(4) + " " + rs.getObject(5)+ " " + rs.getObject(6));
            }
        }
    }
}
