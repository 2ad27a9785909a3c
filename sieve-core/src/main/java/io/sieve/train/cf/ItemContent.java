package io.sieve.train.cf;

import java.util.function.IntFunction;

/**
 * The items' content vectors (the bundle's content model: hashed TF-IDF or MiniLM over title,
 * description, categories and tags), for the families that read them.
 *
 * @param dimension the vectors' length; 0 when there are none
 * @param vectorOf  an item's vector by bundle item index, null for an item without one
 */
public record ItemContent(int dimension, IntFunction<float[]> vectorOf) {
    public static final ItemContent NONE = new ItemContent(0, item -> null);

    /** The item's vector, or null. */
    public float[] of(int item) {
        return dimension == 0 ? null : vectorOf.apply(item);
    }
}
