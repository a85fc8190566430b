package dev.snowpipecdc.warehouse.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The captured tables from the settings, and the clear errors for settings that cannot work. */
class TableSettingsTest {

    final Map<String, String> settings = new HashMap<>();

    @Test
    void should_take_columns_key_and_tracked_columns_from_configuration() throws Exception {
        settings.put("cdc.source.tables", "public.items, sales.orders");
        settings.put("cdc.tables.items.columns", "id NUMBER(10,0), name VARCHAR(100), price NUMBER(10, 2), note VARCHAR");
        settings.put("cdc.tables.items.key", "id");
        settings.put("cdc.tables.items.tracked", "name, price");
        settings.put("cdc.tables.orders.columns", "region VARCHAR(2), order_no NUMBER(19,0), doc VARIANT");
        settings.put("cdc.tables.orders.key", "region,order_no");

        List<TableSpec> tables = tables();

        assertThat(tables).extracting(TableSpec::name).containsExactly("ITEMS", "ORDERS");
        TableSpec items = tables.get(0);
        assertThat(items.columns()).containsExactly(new ColumnSpec("id", "ID", "NUMBER(10,0)"),
                new ColumnSpec("name", "NAME", "VARCHAR(100)"), new ColumnSpec("price", "PRICE", "NUMBER(10, 2)"),
                new ColumnSpec("note", "NOTE", "VARCHAR"));
        assertThat(items.key()).containsExactly("ID");
        assertThat(items.tracked()).containsExactly("NAME", "PRICE");
        TableSpec orders = tables.get(1);
        assertThat(orders.sourceSchema()).isEqualTo("sales");
        assertThat(orders.key()).containsExactly("REGION", "ORDER_NO");
        assertThat(orders.tracked()).as("every non-key column by default").containsExactly("DOC");
    }

    @Test
    void should_ask_the_catalog_only_for_tables_without_configured_columns() {
        settings.put("cdc.source.tables", "public.items");
        assertThatThrownBy(this::tables).hasMessage("catalog asked");

        settings.put("cdc.tables.items.columns", "id NUMBER(10,0)");
        assertThatThrownBy(this::tables).hasMessage("cdc.tables.items.columns is set, so cdc.tables.items.key must be too"
                + " (the key columns, or none for a table without a key)");
    }

    @Test
    void should_describe_a_table_without_a_key_by_configuration_alone() throws Exception {
        settings.put("cdc.source.tables", "public.events");
        settings.put("cdc.tables.events.columns", "id NUMBER(10,0), msg VARCHAR");
        settings.put("cdc.tables.events.key", "None");

        TableSpec events = tables().get(0);

        assertThat(events.hasKey()).isFalse();
        assertThat(events.tracked()).isEmpty();
        assertThat(events.columns()).extracting(ColumnSpec::name).containsExactly("ID", "MSG");
    }

    @Test
    void should_refuse_settings_that_cannot_make_tables() {
        expectError("public.items", "id", "id", "Column 'id' needs a name and a type");
        expectError("public.items", "id NUMBER(10,0); DROP TABLE x", "id", "unsupported type 'NUMBER(10,0); DROP TABLE x'");
        expectError("public.items", "\"Id\" NUMBER", "id", "Unsupported source column name '\"Id\"'");
        expectError("public.items", "id NUMBER, valid_from TIMESTAMP_NTZ", "id", "Column VALID_FROM of public.items has"
                + " a name the warehouse objects use themselves");
        expectError("public.items", "id NUMBER", "code", "Key column CODE is not a column of public.items");
        expectError("public.item.*", "id NUMBER", "id", "entry 'public.item.*' is not schema.table");
        expectError("items", "id NUMBER", "id", "entry 'items' is not schema.table");
        expectError("public.items,other.items", "id NUMBER", "id",
                "Source tables public.items and other.items would both be warehouse table ITEMS");
    }

    @Test
    void should_refuse_tracked_columns_that_are_keys_or_unknown() {
        settings.put("cdc.source.tables", "public.items");
        settings.put("cdc.tables.items.columns", "id NUMBER, name VARCHAR");
        settings.put("cdc.tables.items.key", "id");
        settings.put("cdc.tables.items.tracked", "id");
        assertThatThrownBy(this::tables).hasMessageContaining("Tracked column ID of public.items is part of the key");
        settings.put("cdc.tables.items.tracked", "colour");
        assertThatThrownBy(this::tables).hasMessageContaining("Tracked column COLOUR is not a column of public.items");
        settings.put("cdc.tables.items.tracked", " , ");
        assertThatThrownBy(this::tables).hasMessage("cdc.tables.items.tracked names no column: leave it out to track"
                + " every non-key column");
    }

    private void expectError(String tables, String columns, String key, String message) {
        settings.clear();
        settings.put("cdc.source.tables", tables);
        settings.put("cdc.tables.items.columns", columns);
        settings.put("cdc.tables.items.key", key);
        assertThatThrownBy(this::tables).as(columns).hasMessageContaining(message);
    }

    private List<TableSpec> tables() throws Exception {
        return new TableSettings(key -> Optional.ofNullable(settings.get(key)).filter(v -> !v.isBlank()),
                () -> {
                    throw new IllegalStateException("catalog asked");
                }).tables();
    }
}
