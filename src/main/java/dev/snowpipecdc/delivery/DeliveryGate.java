package dev.snowpipecdc.delivery;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.snowpipecdc.component.SnowpipeStreamingComponent;
import dev.snowpipecdc.routes.Endpoints;
import org.apache.camel.CamelContext;
import org.apache.camel.Navigate;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.processor.aggregate.AggregateProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the source back to what the warehouse has committed. Before the source may record its position (Debezium
 * saving its offsets, which also moves the replication slot), {@link #awaitDelivered} sends every batch the table
 * routes are still collecting and waits until the warehouse has committed every row handed to it, dead letters
 * included. Once anything could not be delivered ({@link #fail}), the position never moves again in this process
 * and the source is stopped: a restart replays from the last position whose changes are all in the warehouse, and
 * the channels' committed tokens drop what had landed.
 */
public final class DeliveryGate {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryGate.class);

    private final CamelContext context;
    private final SnowpipeStreamingComponent sink;
    private final Duration timeout;
    private volatile String failure;

    /** @param timeout how long one wait for the warehouse may take before the source is told "not yet" */
    public DeliveryGate(CamelContext context, SnowpipeStreamingComponent sink, Duration timeout) {
        this.context = context;
        this.sink = sink;
        this.timeout = timeout;
    }

    /**
     * Returns once everything handed to the table routes so far is committed in the warehouse (landed or
     * dead-lettered).
     *
     * @throws IllegalStateException when something could not be delivered, or was not committed in time
     */
    public void awaitDelivered() {
        requireNoFailure();
        sendCollectedBatches();
        requireNoFailure();
        try {
            sink.awaitAllCommitted(timeout);
        } catch (RuntimeException e) {
            throw new IllegalStateException("The warehouse has not committed everything yet: " + e.getMessage(), e);
        }
        requireNoFailure();
    }

    /** Something could not be delivered: the source position stays where it is, and the source stops. */
    public void fail(String reason) {
        synchronized (this) {
            if (failure != null) {
                return;
            }
            failure = reason;
        }
        LOG.error("Delivery failed, stopping the source so that nothing after it is skipped (a restart replays from"
                + " the last position the warehouse has): {}", reason);
        // not on the caller's thread: that may be the source's own, which the stop waits for
        Thread stopper = new Thread(() -> {
            try {
                context.getRouteController().stopRoute(Endpoints.SOURCE_ROUTE_ID);
            } catch (Exception e) {
                LOG.error("Could not stop the source route: {}", e.getMessage());
            }
        }, "snowpipe-cdc-stop-source");
        stopper.setDaemon(true);
        stopper.start();
    }

    /** Why delivery failed, if it did (here or in a channel that gave up). */
    public Optional<String> failure() {
        return Optional.ofNullable(failure).or(sink::failure);
    }

    private void requireNoFailure() {
        Optional<String> failed = failure();
        if (failed.isPresent()) {
            throw new IllegalStateException("Delivery failed earlier, the source position stays: " + failed.get());
        }
    }

    /** Completes the batches the table routes' aggregators hold; they are sent on this thread. */
    private void sendCollectedBatches() {
        for (Route route : context.getRoutes()) {
            if (route.getProperties().containsKey(Endpoints.TABLE_ROUTE_PROPERTY)) {
                for (AggregateProcessor aggregate : aggregators(route)) {
                    // forceCompletionOfAllGroups returns at once when no group is open, even while the completion
                    // interval's thread is still sending the batch it just took (it holds the aggregator's lock,
                    // the batch sender being synchronous): the sink does not know that batch yet, and the wait
                    // below would miss it. forceCompletionOfGroup always takes the lock, so it waits for that send
                    // first; the template's aggregator has one group (correlation key constant(true)).
                    aggregate.forceCompletionOfGroup(Boolean.TRUE.toString());
                    aggregate.forceCompletionOfAllGroups();
                }
            }
        }
    }

    private static List<AggregateProcessor> aggregators(Route route) {
        List<AggregateProcessor> found = new ArrayList<>();
        Deque<Processor> todo = new ArrayDeque<>();
        Set<Processor> seen = new HashSet<>();
        Navigate<Processor> root = route.navigate();
        if (root != null && root.next() != null) {
            todo.addAll(root.next());
        }
        while (!todo.isEmpty()) {
            Processor processor = todo.pop();
            if (!seen.add(processor)) {
                continue;
            }
            if (processor instanceof AggregateProcessor aggregate) {
                found.add(aggregate);
            }
            if (processor instanceof Navigate<?> navigate && navigate.hasNext()) {
                for (Object next : navigate.next()) {
                    if (next instanceof Processor p) {
                        todo.push(p);
                    }
                }
            }
        }
        return found;
    }
}
