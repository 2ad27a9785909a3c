package io.sieve.rules;

import java.util.Arrays;
import java.util.List;

/**
 * The one-line form of a condition used in query parameters: {@code attribute:op:value}, with
 * {@code |} between the values of in, notIn and between, e.g. {@code price:lte:20},
 * {@code category:in:Comedy|Drama}, {@code regions:eq:@country} (the user's own country).
 */
public final class ConditionSyntax {
    private ConditionSyntax() {
    }

    /** The condition, or an {@link IllegalArgumentException} saying what is wrong with the text. */
    public static Condition parse(String text) {
        String[] parts = text.split(":", 3);
        if (parts.length != 3 || parts[0].isBlank() || parts[2].isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' is not attribute:op:value (e.g. price:lte:20)");
        }
        String op = parts[1];
        String raw = parts[2];
        Condition c;
        if (raw.startsWith("@")) {
            c = new Condition(parts[0], op, null, raw.substring(1));
        } else if (List.of("in", "notIn", "between").contains(op)) {
            c = new Condition(parts[0], op, Arrays.asList((Object[]) raw.split("\\|")), null);
        } else {
            c = new Condition(parts[0], op, raw, null);
        }
        List<String> problems = c.problems("condition");
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "': " + String.join("; ", problems));
        }
        return c;
    }
}
