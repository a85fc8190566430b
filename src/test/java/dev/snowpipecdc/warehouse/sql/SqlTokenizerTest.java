package dev.snowpipecdc.warehouse.sql;

import java.sql.SQLSyntaxErrorException;
import java.util.List;

import dev.snowpipecdc.warehouse.sql.SqlToken.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Scripts split into statements only at semicolons that are SQL, never inside strings, names or comments. */
class SqlTokenizerTest {

    @Test
    void should_split_statements_only_at_real_semicolons() throws SQLSyntaxErrorException {
        List<List<SqlToken>> statements = SqlTokenizer.statements("""
                -- a comment; not a statement end
                CREATE TABLE "odd;name" (A VARCHAR);
                INSERT INTO T VALUES ('it''s; here', 'back\\'slash;', $$dollar; string$$); /* ; */
                ;""");

        assertThat(statements).hasSize(2);
        assertThat(statements.get(1)).filteredOn(t -> t.kind() == Kind.STRING).extracting(SqlToken::text)
                .containsExactly("'it''s; here'", "'back\\'slash;'", "$$dollar; string$$");
        assertThat(statements.get(0)).filteredOn(t -> t.kind() == Kind.QUOTED_IDENTIFIER).extracting(SqlToken::text)
                .containsExactly("\"odd;name\"");
        assertThat(statements.get(1).stream().filter(t -> !t.isTrivia()).findFirst().orElseThrow().line())
                .isEqualTo(3);
    }

    @Test
    void should_report_an_unterminated_string_with_its_line() {
        assertThatThrownBy(() -> SqlTokenizer.tokenize("SELECT 1;\nSELECT 'open"))
                .isInstanceOf(SQLSyntaxErrorException.class).hasMessage("Unterminated string starting at line 2");
    }
}
