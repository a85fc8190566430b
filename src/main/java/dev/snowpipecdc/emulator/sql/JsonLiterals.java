package dev.snowpipecdc.emulator.sql;

import java.util.Locale;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * PARSE_JSON of a string literal, parsed when the statement is translated, the way Snowflake's parser reads it:
 * object keys may be unquoted, NULL / TRUE / FALSE may be written in any case, a duplicate key is an error unless
 * duplicates are allowed (then the last one wins). The result is the JSON's compact text.
 */
final class JsonLiterals {

    private static final JsonMapper STANDARD = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
    private static final JsonMapper LENIENT = mapper(true);
    private static final JsonMapper DUPLICATES_ALLOWED = mapper(false);

    private JsonLiterals() {
    }

    static String parse(String text, boolean duplicatesAllowed) throws SqlException {
        String trimmed = text.strip();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.equals("null") || lower.equals("true") || lower.equals("false")) {
            return lower;
        }
        try {
            STANDARD.readTree(trimmed);
            // standard JSON: kept as written (DuckDB keeps numbers as written, and so TYPEOF's DOUBLE or DECIMAL)
            return trimmed;
        } catch (JsonProcessingException e) {
            // read again the way Snowflake does
        }
        try {
            return (duplicatesAllowed ? DUPLICATES_ALLOWED : LENIENT).readTree(trimmed).toString();
        } catch (JsonProcessingException e) {
            throw new SqlException("100069 (22P02): Error parsing JSON: " + e.getOriginalMessage(), null);
        }
    }

    private static JsonMapper mapper(boolean strictDuplicates) {
        JsonMapper.Builder builder = JsonMapper.builder()
                .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .nodeFactory(JsonNodeFactory.withExactBigDecimals(true));
        if (strictDuplicates) {
            builder.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        }
        return builder.build();
    }
}
