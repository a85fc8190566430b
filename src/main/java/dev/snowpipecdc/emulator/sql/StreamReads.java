package dev.snowpipecdc.emulator.sql;

import static dev.snowpipecdc.emulator.sql.EmulatorCatalog.lit;
import static dev.snowpipecdc.emulator.sql.EmulatorCatalog.q;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.snowpipecdc.emulator.sql.EmulatorCatalog.ObjectName;
import dev.snowpipecdc.emulator.sql.EmulatorCatalog.StreamInfo;

/**
 * The streams one session's transaction reads. The first statement of a transaction that reads a stream
 * materialises its change rows (and a copy of the table as read) in temporary tables; later statements of the
 * transaction read the same rows, as in Snowflake. When a DML statement read a stream, the stream's offset moves to
 * that copy at commit, in the same DuckDB transaction: a plain SELECT, a failed statement or a rollback leave the
 * offset where it was.
 */
final class StreamReads {

    private record Materialized(StreamInfo stream, String snapshot, String changes) {
    }

    private final Connection duck;
    private final Map<ObjectName, Materialized> inTransaction = new LinkedHashMap<>();
    private final List<ObjectName> ofStatement = new ArrayList<>();
    private final Set<ObjectName> consumed = new LinkedHashSet<>();
    /** Tables this transaction inserted into: their uncommitted rows are not in a stream read later. */
    private final Set<ObjectName> insertedInto = new LinkedHashSet<>();
    private int tempCounter;

    StreamReads(Connection duck) {
        this.duck = duck;
    }

    /** The temporary table holding the stream's change rows for this transaction (materialised on first read). */
    String read(StreamInfo stream) throws SQLException {
        Materialized m = materialized(stream);
        ofStatement.add(stream.name());
        return "temp.main." + q(m.changes());
    }

    /**
     * The transaction is about to change the stream's table: its change rows are taken now, so that the
     * transaction's later reads do not see its own changes. Snowflake's change interval ends where the
     * transaction began.
     */
    void beforeChangeOf(StreamInfo stream) throws SQLException {
        materialized(stream);
    }

    /** The transaction is about to insert into the table (and only insert). */
    void inserting(ObjectName table) {
        insertedInto.add(table);
    }

    private Materialized materialized(StreamInfo stream) throws SQLException {
        ObjectName name = stream.name();
        Materialized m = inTransaction.get(name);
        if (m == null) {
            int n = ++tempCounter;
            String snapshot = "__stream_snapshot_" + n;
            String changes = "__stream_changes_" + n;
            boolean ownInserts = insertedInto.contains(stream.table()) && !stream.onView();
            run("CREATE TEMP TABLE " + q(snapshot) + " AS " + StreamChanges.snapshotOf(stream)
                    + (ownInserts ? " WHERE " + StreamChanges.COMMITTED_ROW : ""));
            run("CREATE TEMP TABLE " + q(changes) + " AS "
                    + StreamChanges.changesQuery(duck, stream, "temp.main." + q(snapshot)));
            m = new Materialized(stream, snapshot, changes);
            inTransaction.put(name, m);
        }
        return m;
    }

    /** The change rows this transaction has already read from the stream, if it has. */
    Optional<String> readInTransaction(ObjectName stream) {
        return Optional.ofNullable(inTransaction.get(stream)).map(m -> "temp.main." + q(m.changes()));
    }

    /** The statement that read streams wrote rows: their offsets move when the transaction commits. */
    void statementConsumed() {
        consumed.addAll(ofStatement);
    }

    void statementEnded() {
        ofStatement.clear();
    }

    /** Inside the committing transaction: each consumed stream's base becomes the table as it was read. */
    void moveOffsets() throws SQLException {
        for (ObjectName name : consumed) {
            Materialized m = inTransaction.get(name);
            // replaced rather than refilled: the table may have gained columns since the base was taken
            run("CREATE OR REPLACE TABLE " + m.stream().baseTable() + " AS SELECT * FROM temp.main."
                    + q(m.snapshot()));
            run("DROP TABLE IF EXISTS " + AppendOnlyLog.logName(m.stream()).sql());
            run("UPDATE " + name.meta("STREAMS") + " SET OFFSET_AT = now() WHERE SCHEMA_NAME = "
                    + lit(name.schema()) + " AND NAME = " + lit(name.name()));
        }
    }

    /** The transaction ended (committed or not): its materialised rows are dropped. */
    void transactionEnded() throws SQLException {
        consumed.clear();
        insertedInto.clear();
        for (Materialized m : inTransaction.values()) {
            run("DROP TABLE IF EXISTS temp.main." + q(m.snapshot()));
            run("DROP TABLE IF EXISTS temp.main." + q(m.changes()));
        }
        inTransaction.clear();
    }

    private void run(String duckSql) throws SQLException {
        try (Statement st = duck.createStatement()) {
            st.execute(duckSql);
        }
    }
}
