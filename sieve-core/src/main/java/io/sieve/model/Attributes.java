package io.sieve.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Free attributes: strings, numbers, booleans, or lists of those. Nothing nested deeper. Keys and
 * string values are bounded because attribute values become segment keys and rule operands.
 */
public final class Attributes {
    static final int MAX_STRING_LENGTH = 1024;

    private Attributes() {
    }

    static Map<String, Object> copyOf(Map<String, Object> attributes) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    static void validate(Map<String, Object> attributes, List<FieldError> errors) {
        for (Map.Entry<String, Object> e : attributes.entrySet()) {
            String field = "attributes." + e.getKey();
            if (e.getKey() == null || e.getKey().isBlank()) {
                errors.add(new FieldError("attributes", "has a blank key"));
            } else if (e.getKey().length() > Ids.MAX_LENGTH) {
                errors.add(new FieldError("attributes", "has a key longer than " + Ids.MAX_LENGTH + " characters"));
            } else if (e.getValue() instanceof List<?> list) {
                for (Object element : list) {
                    if (!isScalar(element)) {
                        errors.add(new FieldError(field, "lists may hold only strings, numbers and booleans"));
                        break;
                    }
                }
            } else if (!isScalar(e.getValue())) {
                errors.add(new FieldError(field, "must be a string, number, boolean or list of those"));
            }
            if (tooLong(e.getValue())) {
                errors.add(new FieldError(field, "has text longer than " + MAX_STRING_LENGTH + " characters"));
            }
        }
    }

    /** A numeric attribute's value; NaN when missing or not a number (a numeric string counts). */
    public static double number(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String text) {
            try {
                return Double.parseDouble(text.trim());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    private static boolean isScalar(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean;
    }

    private static boolean tooLong(Object value) {
        return value instanceof String s && s.length() > MAX_STRING_LENGTH
                || value instanceof List<?> list && list.stream().anyMatch(Attributes::tooLong);
    }
}
