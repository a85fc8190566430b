package dev.snowpipecdc.component;

/** Rows were refused by the channel and there is nowhere to put them. */
public class RejectedRowsException extends RuntimeException {

    public RejectedRowsException(String message) {
        super(message);
    }
}
