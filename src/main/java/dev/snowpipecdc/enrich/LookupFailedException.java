package dev.snowpipecdc.enrich;

/** A lookup in the source database failed; the database may be back soon, so the change is retried. */
public class LookupFailedException extends RuntimeException {

    public LookupFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
