package io.sieve.filter;

import io.sieve.funnel.RequestContext;
import io.sieve.model.Item;
import java.util.Set;

/** When the request names categories, keeps only items in at least one of them. */
public final class CategoryFilter implements CandidateFilter {
    @Override
    public String name() {
        return "category";
    }

    @Override
    public boolean admits(String itemId, Item item, RequestContext context) {
        Set<String> wanted = context.request().categories();
        if (wanted.isEmpty()) {
            return true;
        }
        return item != null && item.categories().stream().anyMatch(wanted::contains);
    }
}
