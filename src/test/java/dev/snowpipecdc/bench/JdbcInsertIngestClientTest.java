package dev.snowpipecdc.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcInsertIngestClientTest {

    @Test
    void a_batch_is_one_insert_with_semi_structured_columns_parsed() {
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("OPERATION", "c");
        first.put("AFTER", Map.of("name", "O'Brien \\ Co"));
        first.put("TX_ID", 42L);
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("OPERATION", "d");
        second.put("AFTER", null);
        second.put("TX_ID", null);
        assertThat(JdbcInsertIngestClient.insert("RAW_CHANGES", List.of(first, second))).isEqualTo(
                "INSERT INTO RAW_CHANGES (OPERATION, AFTER, TX_ID) SELECT column1, PARSE_JSON(column2), column3 FROM VALUES"
                        + " ('c', '{\"name\":\"O''Brien \\\\\\\\ Co\"}', 42), ('d', NULL, NULL)");
    }
}
