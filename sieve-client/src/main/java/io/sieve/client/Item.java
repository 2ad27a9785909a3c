package io.sieve.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A catalog entry, as sent to and read from {@code /v1/items}. Every field but {@code id} may be
 * null: a null field is not sent, and the server applies its default (no categories, available).
 *
 * @param attributes strings, numbers, booleans or lists of those (the server refuses anything else)
 * @param createdAt  when the item appeared; the server's time when null
 * @param available  false keeps the item in the catalog but out of every recommendation; null means true
 */
public record Item(String id, String title, String description, List<String> categories, List<String> tags,
                   Map<String, Object> attributes, Instant createdAt, Boolean available) {

    /** An item with a title and categories, the rest left to the server's defaults. */
    public static Item of(String id, String title, String... categories) {
        return new Item(id, title, null, List.of(categories), null, null, null, null);
    }

    public Item withDescription(String text) {
        return new Item(id, title, text, categories, tags, attributes, createdAt, available);
    }

    public Item withTags(List<String> newTags) {
        return new Item(id, title, description, categories, newTags, attributes, createdAt, available);
    }

    public Item withAttributes(Map<String, Object> newAttributes) {
        return new Item(id, title, description, categories, tags, newAttributes, createdAt, available);
    }

    public Item withCreatedAt(Instant time) {
        return new Item(id, title, description, categories, tags, attributes, time, available);
    }

    public Item withAvailable(boolean isAvailable) {
        return new Item(id, title, description, categories, tags, attributes, createdAt, isAvailable);
    }
}
