package dev.snowpipecdc.change;

import java.util.Map;

import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * What each source binds as {@code changeParser} (routes/Endpoints): it turns the source's messages into a
 * {@link ChangeEvent} body with the {@link ChangeHeaders#TABLE} header, or marks them {@link ChangeHeaders#SKIPPED}
 * with the reason (and no body), or throws {@link MalformedChangeException}.
 */
public interface ChangeParser extends Processor {

    /** The key of {@link #describe}'s topic or stream name, which a dead letter without a table is filed under. */
    String TOPIC = "topic";

    /**
     * A source message as a dead letter records it, when it could not be turned into a change: its topic or
     * stream, its position, its content, in plain values (maps, lists, strings, numbers) that land in a VARIANT.
     */
    Map<String, Object> describe(Message message);
}
