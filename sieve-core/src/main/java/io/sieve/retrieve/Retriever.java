package io.sieve.retrieve;

import io.sieve.funnel.RequestContext;
import io.sieve.funnel.Retrieved;
import java.util.List;

/**
 * A candidate source. Returns at most {@code quota} items, best first, skipping items the request
 * context says are not eligible. Must be safe to call from many threads at once.
 */
public interface Retriever {
    List<Retrieved> retrieve(RequestContext context, int quota);
}
