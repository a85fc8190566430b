package dev.snowpipecdc.warehouse.tables;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Placeholders that are matched by position must list the key columns in the same order. */
class TablePlaceholdersTest {

    @Test
    void should_give_the_parsed_keys_in_key_order_not_column_order() {
        TableSpec lines = TableSpec.trackingAll("public", "order_lines", List.of(ColumnSpec.of("order_id",
                "NUMBER(10,0)"), ColumnSpec.of("line_no", "NUMBER(5,0)"), ColumnSpec.of("qty", "NUMBER(5,0)")),
                List.of("LINE_NO", "ORDER_ID"));
        TablePlaceholders placeholders = new TablePlaceholders(lines);

        assertThat(placeholders.value("KEYS", List.of())).hasValue("LINE_NO, ORDER_ID");
        assertThat(placeholders.value("PARSED_KEYS", List.of())).get().asString()
                .matches("TRY_CAST\\(.*\"line_no\".* AS NUMBER\\(5,0\\)\\), TRY_CAST\\(.*\"order_id\".*");
    }
}
