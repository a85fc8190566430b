package dev.snowpipecdc.monitoring;

import java.util.Objects;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One step of a monitoring timer route. A poll that fails (the warehouse or the source is away) is counted in
 * {@link Meters#MONITOR_FAILURES} and logged, once per distinct error, and the route goes on with its next step:
 * one unreachable system must not hide what the others report. Its meters keep their last values meanwhile.
 */
public abstract class MonitorPoll implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(MonitorPoll.class);

    private final String name;
    private final Counter failures;
    private final Timer duration;
    private volatile String lastError;

    protected MonitorPoll(String name, MeterRegistry registry) {
        this.name = name;
        this.failures = Counter.builder(Meters.MONITOR_FAILURES).tag(Meters.MONITOR, name)
                .description("Monitoring polls that failed").register(registry);
        this.duration = Timer.builder(Meters.MONITOR_DURATION).tag(Meters.MONITOR, name)
                .description("How long monitoring polls take").register(registry);
    }

    protected abstract void poll() throws Exception;

    @Override
    public final void process(Exchange exchange) {
        Timer.Sample sample = Timer.start();
        try {
            poll();
            if (lastError != null) {
                LOG.info("Monitoring poll {} works again", name);
                lastError = null;
            }
        } catch (Exception e) {
            failures.increment();
            String error = String.valueOf(e.getMessage());
            if (!Objects.equals(error, lastError)) {
                LOG.warn("Monitoring poll {} failed (its meters keep their last values): {}", name, error);
            }
            lastError = error;
        } finally {
            sample.stop(duration);
        }
    }
}
