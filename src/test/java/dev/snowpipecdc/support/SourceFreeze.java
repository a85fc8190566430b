package dev.snowpipecdc.support;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Stops a pipeline's Kafka consumer dead, as a process that hangs or loses its network would: once frozen, its
 * consumer thread blocks as it takes its next message, so it neither polls nor hands its partitions over; the
 * group expels it when {@code max.poll.interval.ms} has passed. The rest of the pipeline (batches, the sink's
 * flushes and commits) goes on, as in a process whose consumer thread hangs. Added as a main listener before start.
 */
public final class SourceFreeze extends MainListenerSupport {

    private final CountDownLatch thaw = new CountDownLatch(1);
    private volatile boolean frozen;

    @Override
    public void afterConfigure(BaseMainSupport main) {
        main.getCamelContext().getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            {
                // only the exchanges' creation, which happens on the consumer's own thread
                setIgnoreExchangeEvents(false);
            }

            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.ExchangeCreatedEvent;
            }

            @Override
            public void notify(CamelEvent event) throws InterruptedException {
                Exchange exchange = ((CamelEvent.ExchangeCreatedEvent) event).getExchange();
                if (frozen && exchange.getFromEndpoint() != null
                        && exchange.getFromEndpoint().getEndpointUri().startsWith("kafka:")) {
                    // bounded: a test that never thaws must not hang its JVM
                    thaw.await(5, TimeUnit.MINUTES);
                }
            }
        });
    }

    public void freeze() {
        frozen = true;
    }

    /** Lets the blocked consumer thread go on (so that the pipeline can be stopped). */
    public void thaw() {
        frozen = false;
        thaw.countDown();
    }
}
