package dev.snowpipecdc.ingest.validation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import dev.snowpipecdc.change.Timestamps;
import dev.snowpipecdc.ingest.RejectedRow;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The checks the high-performance client makes before sending rows, one column type at a time. */
class RowValidatorTest {

    @Test
    void should_refuse_a_missing_or_null_value_of_a_not_null_column_only() {
        ColumnShape required = column("ID", "NUMBER", 10, 0, false);
        ColumnShape optional = column("NAME", "TEXT", null, null, true);
        List<RejectedRow> refused = validator(required, optional).validate(List.of(
                row("ID", 1), row("NAME", "no id"), row("ID", null), row("ID", 2, "NAME", null)));
        assertThat(refused).extracting(RejectedRow::index).containsExactly(1, 2);
        assertThat(refused.get(0).code()).isEqualTo(RowValidator.NOT_NULL);
        assertThat(refused.get(0).message()).contains("column ID").contains("NOT NULL");
        assertThat(refused.get(0).row()).containsEntry("NAME", "no id");
    }

    @Test
    void should_take_numbers_and_numeric_text_within_the_precision_and_round_extra_decimals() {
        ColumnShape amount = column("AMOUNT", "NUMBER", 5, 2, true);
        RowValidator validator = only(amount);
        assertThat(refusedValues(amount, 123.45, "999.994", new BigDecimal("-1.5"), 7, "1e2")).isEmpty();
        assertThat(refusedValues(amount, 1000, "999.995", "12,5", "abc", true))
                .containsExactly("1000", "999.995", "12,5", "abc", "true");
        List<RejectedRow> refused = validator.validate(List.of(row("AMOUNT", "abc"), row("AMOUNT", 1000)));
        assertThat(refused.get(0).code()).isEqualTo(RowValidator.INVALID_VALUE);
        assertThat(refused.get(0).message()).isEqualTo("column AMOUNT (NUMBER): Not a valid number: 'abc'");
        assertThat(refused.get(1).code()).isEqualTo(RowValidator.OUT_OF_RANGE);
    }

    @Test
    void should_hold_text_to_its_length_in_characters() {
        ColumnShape code = column("CODE", "TEXT", 3, null, true);
        assertThat(refusedValues(code, "abc", "äöü", 123, "")).isEmpty();
        assertThat(refusedValues(code, "abcd", 1234)).containsExactly("abcd", "1234");
    }

    @Test
    void should_take_booleans_and_snowflakes_boolean_words() {
        ColumnShape flag = column("FLAG", "BOOLEAN", null, null, true);
        assertThat(refusedValues(flag, true, "FALSE", "yes", "off", 1, "t")).isEmpty();
        assertThat(refusedValues(flag, "maybe", "2")).containsExactly("maybe", "2");
    }

    @Test
    void should_take_iso_timestamps_epoch_numbers_and_the_pipelines_own_format() {
        ColumnShape at = column("AT", "TIMESTAMP_LTZ", null, null, true);
        assertThat(refusedValues(at, Timestamps.utc(Instant.parse("2026-12-07T10:15:30.123456Z")),
                "2026-12-07 10:15:30", "2026-12-07T10:15:30+01:00", "2026-12-07 10:15:30.5 +0100",
                "1765102530", 1765102530123L, Instant.now(), "2026-12-07")).isEmpty();
        assertThat(refusedValues(at, "yesterday", "2026-13-01T00:00:00", "2026-12-07T25:00:00.000000Z",
                "2026-12-07T10:15:30.12345xZ")).hasSize(4);
        ColumnShape day = column("DAY", "DATE", null, null, true);
        assertThat(refusedValues(day, "2026-12-07", "2026-12-07T00:00:00")).isEmpty();
        assertThat(refusedValues(day, "07.12.2026")).containsExactly("07.12.2026");
    }

    @Test
    void should_take_maps_and_lists_where_they_belong_and_hold_semi_structured_values_to_16_mb() {
        ColumnShape object = column("O", "OBJECT", null, null, true);
        assertThat(refusedValues(object, Map.of("a", 1), "{\"a\":1}")).isEmpty();
        assertThat(refusedValues(object, List.of(1), "text")).hasSize(2);
        // an ARRAY takes a single value too (the SDKs wrap it)
        assertThat(refusedValues(column("A", "ARRAY", null, null, true), List.of(1), "[1]", 1, "x")).isEmpty();
        ColumnShape variant = column("V", "VARIANT", null, null, true);
        assertThat(refusedValues(variant, Map.of("a", List.of(1, 2)), "text", 3)).isEmpty();
        List<RejectedRow> refused = only(variant).validate(List.of(row("V", Map.of("big", "x".repeat(17 * 1024 * 1024)))));
        assertThat(refused).singleElement().extracting(RejectedRow::code).isEqualTo(RowValidator.OUT_OF_RANGE);
        assertThat(refused.get(0).message()).contains("16 MB").doesNotContain("xxxxxxxxxx");
        // the high-performance architecture's limit on Snowflake
        assertThat(new RowValidator(List.of(variant), RowValidator.SEMI_STRUCTURED_128_MB)
                .validate(List.of(row("V", Map.of("big", "x".repeat(17 * 1024 * 1024)))))).isEmpty();
    }

    @Test
    void should_leave_a_missing_value_to_a_column_the_table_fills_itself() {
        ColumnShape withDefault = new ColumnShape("CREATED", "TIMESTAMP_LTZ", OptionalInt.empty(), OptionalInt.empty(),
                OptionalInt.empty(), false, true);
        assertThat(validator(withDefault).validate(List.of(row("OTHER", 1)))).isEmpty();
    }

    @Test
    void should_match_a_key_to_its_column_ignoring_case_when_it_is_not_spelled_alike() {
        RowValidator validator = validator(column("ID", "NUMBER", 10, 0, false));
        assertThat(validator.validate(List.of(row("id", 7), row("Id", "x")))).extracting(RejectedRow::index)
                .containsExactly(1);
    }

    @Test
    void should_report_each_row_once_with_its_first_problem_and_leave_keys_that_are_no_column() {
        RowValidator validator = validator(column("ID", "NUMBER", 10, 0, false), column("NAME", "TEXT", 2, null, true));
        List<RejectedRow> refused = validator.validate(List.of(row("ID", "x", "NAME", "too long"),
                row("ID", 1, "EXTRA", "not a column")));
        assertThat(refused).singleElement().satisfies(r -> {
            assertThat(r.index()).isZero();
            assertThat(r.message()).startsWith("column ID");
        });
    }

    /** The values of {@code column} the validator refuses, each in a row of its own, in order. */
    private static List<String> refusedValues(ColumnShape column, Object... values) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Object value : values) {
            rows.add(row(column.name(), value));
        }
        return only(column).validate(rows).stream().map(r -> String.valueOf(r.row().get(column.name()))).toList();
    }

    private static RowValidator only(ColumnShape column) {
        return validator(column);
    }

    private static RowValidator validator(ColumnShape... columns) {
        return new RowValidator(List.of(columns), RowValidator.SEMI_STRUCTURED_16_MB);
    }

    private static ColumnShape column(String name, String type, Integer lengthOrPrecision, Integer scale,
                                      boolean nullable) {
        boolean text = type.equals("TEXT") || type.equals("BINARY");
        OptionalInt size = lengthOrPrecision == null ? OptionalInt.empty() : OptionalInt.of(lengthOrPrecision);
        return new ColumnShape(name, type, text ? size : OptionalInt.empty(), text ? OptionalInt.empty() : size,
                scale == null ? OptionalInt.empty() : OptionalInt.of(scale), nullable, false);
    }

    private static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> row = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            row.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return row;
    }
}
