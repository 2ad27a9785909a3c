package io.sieve.train.cf;

import java.util.List;

/**
 * What a family that reads features gets besides the interactions.
 *
 * @param items each bundle item's categories and tags ({@code category:x}, {@code tag:y}), by item index
 * @param users each matrix row's user attributes as the segments read them ({@code age=25-34},
 *              {@code country=DE}), by row; empty when not read
 * @param content each bundle item's content vector, when a content model was trained
 * @param moments when each interaction happened, when a family reads its context
 */
public record CatalogAttributes(List<List<String>> items, List<List<String>> users, ItemContent content, ChoiceMoments moments) {
    public static final CatalogAttributes NONE = new CatalogAttributes(List.of(), List.of());

    public CatalogAttributes {
        items = List.copyOf(items);
        users = List.copyOf(users);
    }

    public CatalogAttributes(List<List<String>> items, List<List<String>> users) {
        this(items, users, ItemContent.NONE, ChoiceMoments.NONE);
    }

    public static CatalogAttributes ofItems(List<List<String>> items) {
        return new CatalogAttributes(items, List.of());
    }

    /** The item's names, empty past the end. */
    public List<String> item(int index) {
        return index < items.size() ? items.get(index) : List.of();
    }

    /** The row's names, empty past the end. */
    public List<String> user(int row) {
        return row < users.size() ? users.get(row) : List.of();
    }
}
