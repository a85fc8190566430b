package dev.snowpipecdc.monitoring;

import dev.snowpipecdc.change.ChangeEvent;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Processor;

/** Counts parsed changes by table and operation ({@link Meters#EVENTS}). */
public final class ChangeCounter implements Processor {

    private final MeterRegistry registry;

    public ChangeCounter(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void process(Exchange exchange) throws InvalidPayloadException {
        ChangeEvent event = exchange.getMessage().getMandatoryBody(ChangeEvent.class);
        registry.counter(Meters.EVENTS, Meters.TABLE, event.table(), Meters.OP, event.op().code()).increment();
    }
}
