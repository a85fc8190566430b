package dev.snowpipecdc.delivery;

import org.apache.camel.Exchange;
import org.apache.camel.spi.ExceptionHandler;

/**
 * The source consumer's exception handler. Camel's Debezium consumer only logs a change whose route failed and
 * lets Debezium count it as processed; here such a failure stops delivery instead, so that the source position
 * cannot move past the change.
 */
public final class SourceExceptionHandler implements ExceptionHandler {

    private final DeliveryGate gate;

    public SourceExceptionHandler(DeliveryGate gate) {
        this.gate = gate;
    }

    @Override
    public void handleException(Throwable exception) {
        handleException("A change could not be handled", null, exception);
    }

    @Override
    public void handleException(String message, Throwable exception) {
        handleException(message, null, exception);
    }

    @Override
    public void handleException(String message, Exchange exchange, Throwable exception) {
        gate.fail(message + ": " + (exception == null ? "(no exception)" : exception.getMessage()));
    }
}
