package dev.snowpipecdc.enrich;

import java.util.Map;

import dev.snowpipecdc.change.ChangeEvent;
import dev.snowpipecdc.change.ChangeOp;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Processor;

/**
 * Keeps a {@link RowCache} current from a table's own changes: creates, updates and snapshot reads put the new
 * row, deletes remove it. The change passes on unchanged. Tables with a single-column primary key only.
 */
public final class RowCacheFeeder implements Processor {

    private RowCache cache;

    @Override
    public void process(Exchange exchange) throws InvalidPayloadException {
        ChangeEvent event = exchange.getMessage().getMandatoryBody(ChangeEvent.class);
        if (event.op() == ChangeOp.TRUNCATE) {
            cache.clear(event.table());
            return;
        }
        Object key = singleKey(event);
        if (event.op() == ChangeOp.DELETE) {
            cache.remove(event.table(), key);
        } else {
            event.after().ifPresent(row -> cache.put(event.table(), key, row));
        }
    }

    private static Object singleKey(ChangeEvent event) {
        Map<String, Object> key = event.key();
        if (key.size() != 1) {
            throw new IllegalArgumentException("Cannot cache rows of " + event.table() + ": its primary key "
                    + key.keySet() + " is not a single column");
        }
        return key.values().iterator().next();
    }

    public void setCache(RowCache cache) {
        this.cache = cache;
    }
}
