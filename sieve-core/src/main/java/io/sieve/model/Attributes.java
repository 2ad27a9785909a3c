package io.sieve.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Free attributes: strings, numbers, booleans, or lists of those. Nothing nested deeper. */
public final class Attributes {
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
        }
    }

    private static boolean isScalar(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean;
    }
}
