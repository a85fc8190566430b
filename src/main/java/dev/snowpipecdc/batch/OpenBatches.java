package dev.snowpipecdc.batch;

import dev.snowpipecdc.change.ChangeHeaders;
import dev.snowpipecdc.routes.Endpoints;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;

/**
 * The batches the table routes are collecting, sent on request with a {@link BatchFlush} through each table route
 * (the routes with the {@code cdc.table} property): each on the caller's thread, so that when a call returns the
 * sink has every change the table routes were given before it.
 */
public final class OpenBatches {

    private final CamelContext context;
    private ProducerTemplate producer;

    public OpenBatches(CamelContext context) {
        this.context = context;
    }

    /** Sends each table route's batch of its table's own channel. */
    public void send() {
        forEachTableRoute(uri -> BatchFlush.send(producer(), uri));
    }

    /** Sends the batch each table route collects for {@code channel} (one a source named, e.g. a partition's). */
    public void send(String channel) {
        forEachTableRoute(uri -> producer().sendBodyAndHeader(uri, BatchFlush.REQUEST, ChangeHeaders.CHANNEL, channel));
    }

    private void forEachTableRoute(java.util.function.Consumer<String> flush) {
        for (Route route : context.getRoutes()) {
            Object table = route.getProperties().get(Endpoints.TABLE_ROUTE_PROPERTY);
            if (table != null) {
                flush.accept(Endpoints.TABLE_PREFIX + table);
            }
        }
    }

    private synchronized ProducerTemplate producer() {
        if (producer == null) {
            producer = context.createProducerTemplate();
            try {
                // stopped with the context
                context.addService(producer, true);
            } catch (Exception e) {
                throw new IllegalStateException("Cannot register the table routes' flush producer: " + e.getMessage(),
                        e);
            }
        }
        return producer;
    }
}
