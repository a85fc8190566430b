package dev.snowpipecdc.monitoring;

import dev.snowpipecdc.change.ChangeEvent;
import dev.snowpipecdc.change.ChangeHeaders;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Processor;

/** Counts parsed changes by table and operation ({@link Meters#EVENTS}) and skipped messages by reason. */
public final class ChangeCounter implements Processor {

    private final MeterRegistry registry;

    public ChangeCounter(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void process(Exchange exchange) throws InvalidPayloadException {
        String skipped = exchange.getMessage().getHeader(ChangeHeaders.SKIPPED, String.class);
        if (skipped != null) {
            registry.counter(Meters.SKIPPED, Meters.REASON, skipped).increment();
            return;
        }
        ChangeEvent event = exchange.getMessage().getMandatoryBody(ChangeEvent.class);
        registry.counter(Meters.EVENTS, Meters.TABLE, event.table(), Meters.OP, event.op().code()).increment();
    }
}
