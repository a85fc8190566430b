package dev.snowpipecdc.change;

import java.util.Arrays;
import java.util.Optional;

/** A change's operation, with Debezium's one-letter code, which is what the landing table keeps. */
public enum ChangeOp {
    CREATE("c"),
    UPDATE("u"),
    DELETE("d"),
    /** A row read by the initial snapshot. */
    READ("r"),
    /** TRUNCATE of the whole table: no row, no key; every row written before it is gone. */
    TRUNCATE("t");

    private final String code;

    ChangeOp(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<ChangeOp> fromCode(String code) {
        return Arrays.stream(values()).filter(op -> op.code.equals(code)).findFirst();
    }
}
