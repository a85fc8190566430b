package dev.snowpipecdc.ingest;

/** The ingest service refused or failed a call; the message names the channel or client and the reason. */
public class IngestException extends RuntimeException {

    public IngestException(String message) {
        super(message);
    }

    public IngestException(String message, Throwable cause) {
        super(message, cause);
    }
}
