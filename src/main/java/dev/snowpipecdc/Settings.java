package dev.snowpipecdc;

import java.util.Optional;

import org.apache.camel.spi.PropertiesComponent;

/**
 * The pipeline's settings as the properties component resolves them (application.properties, environment, -D,
 * overrides). Their defaults are written once, in application.properties: a setting the code needs and finds
 * missing is a mistake that names the key, not a second default.
 */
public final class Settings {

    private final PropertiesComponent properties;

    public Settings(PropertiesComponent properties) {
        this.properties = properties;
    }

    /** The value, stripped; empty when the key is not set or set to nothing. */
    public Optional<String> optional(String key) {
        return properties.resolveProperty(key).map(String::strip).filter(v -> !v.isEmpty());
    }

    /** @throws IllegalArgumentException naming the key when it is not set */
    public String required(String key) {
        return optional(key).orElseThrow(() -> new IllegalArgumentException("The setting " + key + " has no"
                + " value; application.properties gives every setting the pipeline needs a default, so it was set"
                + " to nothing (an empty environment variable, -D" + key + "=, or a properties file of your own)"));
    }

    public int requiredInt(String key) {
        return parsed(key, Integer::parseInt);
    }

    public long requiredLong(String key) {
        return parsed(key, Long::parseLong);
    }

    public double requiredDouble(String key) {
        return parsed(key, Double::parseDouble);
    }

    private <T> T parsed(String key, java.util.function.Function<String, T> parse) {
        String value = required(key);
        try {
            return parse.apply(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The setting " + key + " = " + value + " is not a number");
        }
    }
}
