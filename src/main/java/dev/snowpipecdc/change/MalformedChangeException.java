package dev.snowpipecdc.change;

/** A source message that should hold a row change but does not; the message says what is missing. */
public class MalformedChangeException extends RuntimeException {

    public MalformedChangeException(String message) {
        super(message);
    }

    public MalformedChangeException(String message, Throwable cause) {
        super(message, cause);
    }
}
