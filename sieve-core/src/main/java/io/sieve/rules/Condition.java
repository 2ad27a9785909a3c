package io.sieve.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.sieve.model.Attributes;

/**
 * A test on one attribute: {@code attribute op value}, or {@code attribute op <the user's
 * userAttribute>} when {@code userAttribute} is set (e.g. an item's {@code regions} must contain
 * the user's {@code country}). Attribute values are treated as lists (a scalar is a list of one):
 * {@code eq} holds when any value equals, {@code in} when any value is among the given ones.
 * Numbers compare numerically, everything else as text.
 *
 * <p>Operators: eq, ne, in, notIn, lt, lte, gt, gte, between (inclusive, two values), exists
 * (value true or false).
 */
public record Condition(String attribute, String op, Object value, String userAttribute) {
    public static final Set<String> OPERATORS = Set.of("eq", "ne", "in", "notIn", "lt", "lte", "gt", "gte", "between", "exists");

    /**
     * @param values      the tested entity's values of {@code attribute} (empty when it has none)
     * @param userValues  the user's attributes, for conditions that compare with one of them
     */
    public boolean test(List<Object> values, Map<String, Object> userValues) {
        Object target = value;
        if (userAttribute != null) {
            target = userValues == null ? null : userValues.get(userAttribute);
            if (target == null) {
                return false;
            }
        }
        List<Object> targets = asList(target);
        return switch (op) {
            case "exists" -> values.isEmpty() != Boolean.parseBoolean(String.valueOf(target));
            case "eq", "in" -> values.stream().anyMatch(v -> targets.stream().anyMatch(t -> same(v, t)));
            case "ne", "notIn" -> values.stream().noneMatch(v -> targets.stream().anyMatch(t -> same(v, t)));
            case "lt" -> values.stream().anyMatch(v -> compares(v, targets.get(0), c -> c < 0));
            case "lte" -> values.stream().anyMatch(v -> compares(v, targets.get(0), c -> c <= 0));
            case "gt" -> values.stream().anyMatch(v -> compares(v, targets.get(0), c -> c > 0));
            case "gte" -> values.stream().anyMatch(v -> compares(v, targets.get(0), c -> c >= 0));
            case "between" -> targets.size() == 2 && values.stream().anyMatch(v ->
                    compares(v, targets.get(0), c -> c >= 0) && compares(v, targets.get(1), c -> c <= 0));
            default -> throw new IllegalStateException("unknown operator " + op);
        };
    }

    /** What is wrong with this condition, or an empty list. */
    public List<String> problems(String key) {
        List<String> out = new ArrayList<>();
        if (attribute == null || attribute.isBlank()) {
            out.add(key + ".attribute: is required");
        }
        if (!OPERATORS.contains(op)) {
            out.add(key + ".op: must be one of " + new java.util.TreeSet<>(OPERATORS) + ", was '" + op + "'");
        } else if (userAttribute == null && value == null) {
            out.add(key + ": needs a value or a userAttribute");
        } else if ("between".equals(op) && userAttribute == null && asList(value).size() != 2) {
            out.add(key + ".value: between takes two values, [low, high]");
        } else if (List.of("lt", "lte", "gt", "gte", "between").contains(op) && userAttribute == null
                && asList(value).stream().anyMatch(v -> Double.isNaN(number(v)))) {
            out.add(key + ".value: " + op + " compares numbers, was " + value);
        }
        return out;
    }

    static List<Object> asList(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof Collection<?> c) {
            return new ArrayList<>(c);
        }
        return List.of(value);
    }

    private static boolean same(Object a, Object b) {
        double x = number(a);
        double y = number(b);
        if (!Double.isNaN(x) && !Double.isNaN(y)) {
            return x == y;
        }
        return String.valueOf(a).equals(String.valueOf(b));
    }

    /** A value that is not a number satisfies no numeric comparison. */
    private static boolean compares(Object v, Object bound, java.util.function.IntPredicate outcome) {
        double x = number(v);
        double y = number(bound);
        return !Double.isNaN(x) && !Double.isNaN(y) && outcome.test(Double.compare(x, y));
    }

    static double number(Object v) {
        return Attributes.number(v);
    }
}
