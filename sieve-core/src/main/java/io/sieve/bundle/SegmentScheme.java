package io.sieve.bundle;

import io.sieve.model.User;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a user's attributes into segment keys such as {@code age=25-34} or {@code country=DE}.
 * Numeric ages are grouped by {@code ageBounds} so segments stay large enough to be useful.
 */
public record SegmentScheme(List<String> attributes, List<Integer> ageBounds) {

    /** The user's segment keys, in the configured order of preference. */
    public List<String> keysOf(User user) {
        List<String> keys = new ArrayList<>();
        if (user == null) {
            return keys;
        }
        for (String attribute : attributes) {
            Object value = user.attributes().get(attribute);
            if (value == null || value instanceof List<?>) {
                continue;
            }
            keys.add(attribute + "=" + bucket(attribute, value));
        }
        return keys;
    }

    private String bucket(String attribute, Object value) {
        if (!"age".equals(attribute) || ageBounds.isEmpty()) {
            return value.toString();
        }
        double age;
        try {
            age = value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString());
        } catch (NumberFormatException e) {
            return value.toString();
        }
        for (int i = ageBounds.size() - 1; i >= 0; i--) {
            if (age >= ageBounds.get(i)) {
                return i + 1 < ageBounds.size()
                        ? ageBounds.get(i) + "-" + (ageBounds.get(i + 1) - 1)
                        : ageBounds.get(i) + "+";
            }
        }
        return "under-" + ageBounds.get(0);
    }

    /** A phrase for reasons: "users aged 25-34", "users with country DE". */
    public static String describe(String key) {
        int eq = key.indexOf('=');
        String attribute = key.substring(0, eq);
        String value = key.substring(eq + 1);
        return "age".equals(attribute) ? "users aged " + value : "users with " + attribute + " " + value;
    }
}
