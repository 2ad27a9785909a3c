package io.sieve.simulate;

/**
 * How a simulated user reacts to a list: the position-based model (a position is examined with
 * probability {@code (1 / position)^positionBias}), times how attractive the item is to the user
 * (a logistic function of their hidden affinity's z-score over the catalog), times fatigue: each
 * earlier showing of the item to the user that drew no click multiplies the chance by
 * {@code fatigue}.
 *
 * @param positionBias 0: every position is examined; larger: attention falls faster down the list
 * @param intercept    attractiveness of an item of average affinity, on the logit scale
 * @param slope        how strongly affinity raises it
 * @param fatigue      in (0, 1]; 1: no fatigue
 */
public record ClickModel(double positionBias, double intercept, double slope, double fatigue) {
    /**
     * An average item draws 0.25% of those who see it, one four standard deviations above 6%, six
     * above 23%; attention halves by position 3.
     */
    public static final ClickModel DEFAULT = new ClickModel(0.7, -6.0, 0.8, 0.7);

    /** @param position 1-based */
    public double clickProbability(double affinityZ, int position, int shownBefore) {
        double examined = Math.pow(1.0 / position, positionBias);
        double attractive = 1 / (1 + Math.exp(-(intercept + slope * affinityZ)));
        return examined * attractive * Math.pow(fatigue, shownBefore);
    }
}
