package dev.snowpipecdc.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Placeholders of the SQL in sql/: filled, nested, and refused when unknown. */
class SqlTemplateTest {

    static final SqlTemplate.Values VALUES = (name, args) -> switch (name) {
        case "TABLE" -> Optional.of("ITEMS");
        case "LIST" -> Optional.of(String.join("+", args));
        default -> Optional.empty();
    };

    @Test
    void should_fill_placeholders_with_arguments_and_nested_ones() {
        assertThat(SqlTemplate.render("SELECT {{LIST:a.:b}} FROM {{TABLE}}_SCD, {{LIST:X_{{TABLE}}}}", VALUES, "t"))
                .isEqualTo("SELECT a.+b FROM ITEMS_SCD, X_ITEMS");
    }

    @Test
    void should_refuse_an_unknown_placeholder_with_its_file_and_line() {
        assertThatThrownBy(() -> SqlTemplate.render("SELECT 1;\nSELECT {{COLUMNS}}", VALUES, "quality/x.sql"))
                .hasMessage("Unknown placeholder {{COLUMNS}} in quality/x.sql at line 2");
        assertThatThrownBy(() -> SqlTemplate.render("SELECT {{table}}", VALUES, "x.sql"))
                .hasMessageStartingWith("Malformed placeholder in x.sql at line 1: {{table}}");
    }

    @Test
    void should_list_the_placeholder_names() {
        assertThat(SqlTemplate.names("{{A}} {{B:x}} {{C:{{D}}}}")).containsExactly("A", "B", "C", "D");
        assertThat(List.copyOf(SqlTemplate.names("no placeholders"))).isEmpty();
    }
}
