package io.sieve.feature;

import io.sieve.model.Item;
import io.sieve.funnel.RequestContext;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the features' reasons read for one request: the request itself, and the user's positive
 * events per category, counted once per request and only if a reason asks for them.
 */
public final class Reasons {
    private final RequestContext context;
    private Map<String, Integer> categories;

    public Reasons(RequestContext context) {
        this.context = context;
    }

    RequestContext context() {
        return context;
    }

    Optional<Item> item(String id) {
        return context.item(id);
    }

    /** The item's category the user engaged with most, if any. */
    Optional<String> favouriteCategoryOf(Item item) {
        if (categories == null) {
            categories = new HashMap<>();
            for (var e : context.history()) {
                if (context.types().weightOf(e) > 0) {
                    context.item(e.item()).ifPresent(i -> i.categories().forEach(cat -> categories.merge(cat, 1, Integer::sum)));
                }
            }
        }
        return item.categories().stream().filter(categories::containsKey).max(Comparator.comparingInt(categories::get));
    }
}
