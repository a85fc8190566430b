package dev.snowpipecdc.routes;

import org.apache.camel.LoggingLevel;
import org.apache.camel.model.OnExceptionDefinition;

/**
 * How routes retry what the warehouse may get over (an outage, a lost channel): {@code cdc.sink.max-retries}
 * tries, starting {@code cdc.sink.retry-delay-ms} apart and doubling up to 30 s, each retry logged at WARN.
 */
final class Retries {

    static final String MAX_DELAY_MS = "30000";

    private Retries() {
    }

    static OnExceptionDefinition withBackOff(OnExceptionDefinition onException) {
        return onException
                .maximumRedeliveries("{{cdc.sink.max-retries}}")
                .redeliveryDelay("{{cdc.sink.retry-delay-ms}}")
                .useExponentialBackOff()
                .maximumRedeliveryDelay(MAX_DELAY_MS)
                .retryAttemptedLogLevel(LoggingLevel.WARN);
    }
}
