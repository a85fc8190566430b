package dev.snowpipecdc.monitoring;

import java.util.ArrayList;
import java.util.List;

import dev.snowpipecdc.component.ChannelStatus;
import dev.snowpipecdc.component.SnowpipeStreamingComponent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

/**
 * Publishes each channel's state ({@link Meters#CHANNEL_STATE}: 1 for the state it is in, 0 for the others, so
 * that {@code snowpipe_channel_state{state="FAILED"} == 1} is an alert), as the sink component knows it.
 */
public final class ChannelStatusMonitor extends MonitorPoll {

    private final SnowpipeStreamingComponent sink;
    private final MultiGauge state;

    public ChannelStatusMonitor(SnowpipeStreamingComponent sink, MeterRegistry registry) {
        super("channels", registry);
        this.sink = sink;
        this.state = MultiGauge.builder(Meters.CHANNEL_STATE)
                .description("1 for the state the channel is in (NOT_OPEN, OPEN, REOPENING, FAILED)")
                .register(registry);
    }

    @Override
    protected void poll() {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (ChannelStatus channel : sink.channelStatuses()) {
            Tags tags = Tags.of(Meters.CHANNEL, channel.id().channel(), Meters.TARGET, channel.id().table());
            for (ChannelStatus.State each : ChannelStatus.State.values()) {
                rows.add(MultiGauge.Row.of(tags.and(Meters.STATE, each.name()), each == channel.state() ? 1 : 0));
            }
        }
        state.register(rows, true);
    }
}
