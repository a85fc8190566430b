package dev.snowpipecdc.demo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.snowpipecdc.cli.SqlCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code demo --source-script} runs the script as psql does: each statement commits on its own unless inside
 * {@code BEGIN ... COMMIT}, so each committed transaction is a version of the history.
 */
class DemoSourceScriptTest {

    @TempDir
    Path dir;

    @Test
    void should_make_one_history_version_per_committed_transaction_of_the_script() throws Exception {
        Path script = Files.writeString(dir.resolve("workload.sql"), """
                -- autocommitted, one transaction each
                INSERT INTO customers (customer_id, email, name) VALUES (1, 'a@x.com', 'Ann');
                UPDATE customers SET email = 'b@x.com' WHERE customer_id = 1;
                -- one transaction: one version with both changes
                BEGIN;
                UPDATE customers SET email = 'c@x.com' WHERE customer_id = 1;
                UPDATE customers SET name = 'Ann C' WHERE customer_id = 1;
                COMMIT;
                UPDATE customers SET name = 'Ann D' WHERE customer_id = 1;
                -- a block with semicolons of its own is one statement
                DO $$ BEGIN UPDATE customers SET email = 'd;@x.com' WHERE customer_id = 1; END $$;
                -- a truncate is a change of its own (counted by the demo, landed, applied)
                INSERT INTO orders (order_id, customer_id, amount, status) VALUES (1, 1, 9.99, 'NEW');
                TRUNCATE orders;
                """);
        Path dataDir = dir.resolve("demo");
        ByteArrayOutputStream report = new ByteArrayOutputStream();

        int code = DemoCommand.run(List.of("--source-script", script.toString(), "--data-dir", dataDir.toString(),
                "--timeout", "90s"), new PrintStream(report, true, StandardCharsets.UTF_8));

        assertThat(code).as(report.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(warehouse(dataDir, "SELECT EMAIL, NAME, IS_CURRENT FROM CUSTOMERS_SCD WHERE CUSTOMER_ID = 1"
                + " ORDER BY VALID_FROM")).containsExactly(
                "EMAIL,NAME,IS_CURRENT",
                "a@x.com,Ann,false",
                "b@x.com,Ann,false",
                "c@x.com,Ann C,false",
                "c@x.com,Ann D,false",
                "d;@x.com,Ann D,true");
        assertThat(warehouse(dataDir, "SELECT COUNT(DISTINCT TX_ID) AS TRANSACTIONS, COUNT(*) AS CHANGES"
                + " FROM RAW_CHANGES")).containsExactly("TRANSACTIONS,CHANGES", "7,8");
        assertThat(warehouse(dataDir, "SELECT ORDER_ID, IS_DELETED FROM ORDERS_SCD")).containsExactly(
                "ORDER_ID,IS_DELETED", "1,true");
    }

    private static List<String> warehouse(Path dataDir, String query) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SqlCommand.run(List.of("--data-dir", dataDir.toString(), "--format", "csv", query),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
