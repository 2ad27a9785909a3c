package io.sieve.content;

import io.sieve.model.Item;

/** The text an item is known by: title, description, tags and categories. */
public final class ItemText {
    private ItemText() {
    }

    public static String of(Item item) {
        StringBuilder text = new StringBuilder();
        append(text, item.title());
        append(text, item.description());
        item.tags().forEach(t -> append(text, t));
        item.categories().forEach(c -> append(text, c));
        return text.toString();
    }

    private static void append(StringBuilder text, String part) {
        if (part != null && !part.isBlank()) {
            text.append(text.isEmpty() ? "" : ". ").append(part);
        }
    }
}
