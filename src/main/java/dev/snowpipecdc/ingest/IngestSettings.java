package dev.snowpipecdc.ingest;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How to reach the Snowpipe Streaming service. The private key is PEM text (PKCS#8, optionally encrypted);
 * {@link #toString()} never shows it or its passphrase.
 *
 * @param parameterOverrides SDK tunables such as {@code max_client_lag}; keys are lower-cased here because the
 *                           SDK silently ignores upper-case override keys (research/snowpipe.md A2), and whole
 *                           numbers become {@code Long} because the SDK casts some of them to Long (an Integer or
 *                           a digit string from a properties file fails its flush thread)
 */
public record IngestSettings(String clientName, String url, String user, Optional<String> role, String privateKeyPem,
                             Optional<String> privateKeyPassphrase, Map<String, Object> parameterOverrides) {

    public IngestSettings {
        Map<String, Object> lowerCased = new TreeMap<>();
        parameterOverrides.forEach((k, v) -> lowerCased.put(k.toLowerCase(Locale.ROOT), normalised(v)));
        parameterOverrides = Map.copyOf(lowerCased);
    }

    private static Object normalised(Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof String s && s.strip().matches("-?\\d+")) {
            return Long.parseLong(s.strip());
        }
        return value;
    }

    @Override
    public String toString() {
        return "IngestSettings[client=" + clientName + ", url=" + url + ", user=" + user + ", role="
                + role.orElse("(default)") + ", privateKey=***, parameterOverrides=" + parameterOverrides + "]";
    }
}
