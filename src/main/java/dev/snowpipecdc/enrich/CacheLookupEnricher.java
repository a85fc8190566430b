package dev.snowpipecdc.enrich;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import javax.sql.DataSource;

import dev.snowpipecdc.change.ChangeEvent;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Processor;

/**
 * Adds columns of a referenced row to a change: an order gets its customer's email and name. The referenced row
 * comes from the {@link RowCache} that the referenced table's own change stream keeps current; on a miss it is
 * read from the source database and cached. The values land in the change's enrichment as
 * {@code <prefix><column>}; a change without a foreign key value gets no enrichment.
 */
public final class CacheLookupEnricher implements Processor {

    private RowCache cache;
    private DataSource source;
    private String schema = "public";
    private String table;
    private String keyColumn;
    private String foreignKeyColumn;
    private List<String> columns = List.of();
    private String prefix = "";
    private volatile SourceRowLookup lookup;

    @Override
    public void process(Exchange exchange) throws InvalidPayloadException {
        ChangeEvent event = exchange.getMessage().getMandatoryBody(ChangeEvent.class);
        Object foreignKey = event.currentRow().map(row -> row.get(foreignKeyColumn)).orElse(null);
        if (foreignKey == null) {
            return;
        }
        Optional<Map<String, Object>> referenced = cache.get(table, foreignKey).or(() -> readAndCache(foreignKey));
        Map<String, Object> enrichment = new LinkedHashMap<>(event.enrichment());
        for (String column : columns) {
            enrichment.put(prefix + column, referenced.map(row -> row.get(column)).orElse(null));
        }
        exchange.getMessage().setBody(event.withEnrichment(enrichment));
    }

    private Optional<Map<String, Object>> readAndCache(Object key) {
        Optional<Map<String, Object>> row = lookup().find(key);
        row.ifPresent(r -> cache.put(table, key, r));
        return row;
    }

    private SourceRowLookup lookup() {
        if (lookup == null) {
            List<String> selected = columns.contains(keyColumn) ? columns
                    : Stream.concat(Stream.of(keyColumn), columns.stream()).toList();
            lookup = new SourceRowLookup(source, schema, table, keyColumn, selected);
        }
        return lookup;
    }

    public void setCache(RowCache cache) {
        this.cache = cache;
    }

    public void setSource(DataSource source) {
        this.source = source;
    }

    public void setSchema(String schema) {
        this.schema = schema;
    }

    /** The referenced table, e.g. customers. */
    public void setTable(String table) {
        this.table = table;
    }

    /** The referenced table's primary key column, e.g. customer_id. */
    public void setKeyColumn(String keyColumn) {
        this.keyColumn = keyColumn;
    }

    /** The column of the changed row that holds the referenced key, e.g. orders.customer_id. */
    public void setForeignKeyColumn(String foreignKeyColumn) {
        this.foreignKeyColumn = foreignKeyColumn;
    }

    /** The referenced columns to add, comma-separated, e.g. email,name. */
    public void setColumns(String columns) {
        this.columns = Arrays.stream(columns.split(",")).map(String::strip).filter(c -> !c.isEmpty()).toList();
    }

    public void setPrefix(String prefix) {
        this.prefix = prefix;
    }
}
