package dev.snowpipecdc.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Command-line flags of a verb: {@code --name value}, {@code --name=value}, or {@code --flag} for the booleans a
 * verb declares; everything else is a positional argument. Unknown flags are an error that lists the known ones.
 */
public final class Args {

    private final Map<String, String> options = new HashMap<>();
    private final List<String> positional = new ArrayList<>();

    private Args() {
    }

    public static Args parse(List<String> args, Set<String> valueFlags, Set<String> booleanFlags) {
        Args parsed = new Args();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                parsed.positional.add(arg);
                continue;
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (booleanFlags.contains(name)) {
                parsed.options.put(name, value == null ? "true" : value);
            } else if (valueFlags.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new IllegalArgumentException("--" + name + " needs a value");
                    }
                    value = args.get(++i);
                }
                parsed.options.put(name, value);
            } else {
                List<String> known = new ArrayList<>(valueFlags);
                known.addAll(booleanFlags);
                known.sort(null);
                throw new IllegalArgumentException("Unknown option --" + name + " (known: --"
                        + String.join(", --", known) + ")");
            }
        }
        return parsed;
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(options.get(name));
    }

    public boolean flag(String name) {
        return Boolean.parseBoolean(options.getOrDefault(name, "false"));
    }

    public List<String> positional() {
        return positional;
    }
}
