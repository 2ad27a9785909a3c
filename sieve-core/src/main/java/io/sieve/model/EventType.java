package io.sieve.model;

/**
 * How one kind of event counts.
 *
 * @param weight   strength of the signal in co-visitation and popularity; negative types pull
 *                 their item's neighbours down instead of up
 * @param negative the user said no (skip, hide, dislike): the item is never recommended to them again
 * @param seen     once the user has this event on an item, the item counts as seen and is filtered
 * @param useValue multiply the weight by the event's value (e.g. a rating or watch fraction)
 * @param verb     past tense used in reasons: "because you {verb} X"
 */
public record EventType(String name, double weight, boolean negative, boolean seen, boolean useValue, String verb) {

    /** The weight of one event of this type, taking its value into account when configured. */
    public double weightOf(Double value) {
        return useValue && value != null ? weight * value : weight;
    }
}
