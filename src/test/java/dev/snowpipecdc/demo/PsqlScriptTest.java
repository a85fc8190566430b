package dev.snowpipecdc.demo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Splitting a PostgreSQL script where psql would: only at semicolons that end a statement. */
class PsqlScriptTest {

    @Test
    void should_split_at_semicolons_and_leave_out_empty_and_comment_only_statements() {
        assertThat(PsqlScript.statements("SELECT 1;; -- nothing\n;SELECT 2 ; /* c */ ;\n  SELECT 3"))
                .containsExactly("SELECT 1", "SELECT 2", "SELECT 3");
    }

    @Test
    void should_not_split_inside_parentheses_or_a_begin_atomic_body_as_psql_does() {
        String script = """
                CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2));
                CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql BEGIN ATOMIC
                  SELECT CASE WHEN x > 0 THEN 1 ELSE 0 END; SELECT x;
                END;
                BEGIN;
                UPDATE t SET v = CASE WHEN v > 1 THEN 2 END;
                END;
                """;

        assertThat(PsqlScript.statements(script)).containsExactly(
                "CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2))",
                "CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql BEGIN ATOMIC\n  SELECT CASE WHEN x > 0 THEN 1 ELSE"
                        + " 0 END; SELECT x;\nEND",
                "BEGIN", "UPDATE t SET v = CASE WHEN v > 1 THEN 2 END", "END");
    }

    @Test
    void should_not_split_inside_strings_identifiers_comments_and_dollar_quotes() {
        String script = """
                INSERT INTO t VALUES ('a;b', 'it''s;', E'it\\'s;');
                SELECT "odd;name" FROM t; -- a comment; with a semicolon
                /* nested /* comment; */ still; */ SELECT 1;
                DO $$ BEGIN UPDATE t SET v = 'x;'; END $$;
                CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;
                SELECT $1, a$b$c FROM t
                """;

        assertThat(PsqlScript.statements(script)).containsExactly(
                "INSERT INTO t VALUES ('a;b', 'it''s;', E'it\\'s;')",
                "SELECT \"odd;name\" FROM t",
                "-- a comment; with a semicolon\n/* nested /* comment; */ still; */ SELECT 1",
                "DO $$ BEGIN UPDATE t SET v = 'x;'; END $$",
                "CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql",
                "SELECT $1, a$b$c FROM t");
    }
}
