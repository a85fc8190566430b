package dev.snowpipecdc.health;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mistake the pipeline cannot run with (a refused configuration, a missing source route, a port it cannot
 * listen on): the first one is logged as an ERROR, readiness is DOWN with it, and the pipeline stops, so that
 * {@code run} exits with status 1 and the message instead of running on without capturing anything.
 */
public final class StartupFailure extends AbstractHealthCheck {

    /** The bean's name; the health check's id. */
    public static final String ID = "startup";

    private static final Logger LOG = LoggerFactory.getLogger(StartupFailure.class);

    private final AtomicReference<String> failure = new AtomicReference<>();
    private volatile boolean stopping;
    private final Runnable stop;

    /** @param stop stops the application (Camel Main's {@code completed}) */
    public StartupFailure(Runnable stop) {
        super("cdc", ID);
        this.stop = stop;
    }

    /**
     * The pipeline is being stopped (SIGTERM): what start-up steps fail from now on (Camel refuses their retries
     * while stopping) is the stop, not a mistake, and must not turn the exit status into 1.
     */
    public void stopping() {
        stopping = true;
    }

    /** Records the failure (the first one wins), logs it and stops the pipeline. */
    public void fail(String message) {
        if (stopping) {
            LOG.info("Start-up cut short by the stop: {}", message);
            return;
        }
        if (failure.compareAndSet(null, message)) {
            LOG.error("The pipeline cannot run, stopping: {}", message);
            stop.run();
        }
    }

    public Optional<String> failure() {
        return Optional.ofNullable(failure.get());
    }

    @Override
    public boolean isLiveness() {
        // a restart does not fix a mistake in the configuration; the process ends by itself
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        failure().ifPresentOrElse(message -> builder.down().message("The pipeline cannot run: " + message),
                builder::up);
    }
}
