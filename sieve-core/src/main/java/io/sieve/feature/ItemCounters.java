package io.sieve.feature;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Time-decayed counters of one item. Every counter k decays with half-life h[k], the last one never
 * (the all-time count). A single "last update" time serves all counters, so reading at time t is
 * one multiplication per counter and an update is exact whatever the order events arrive in:
 * value(t) = sum over applied events e of w(e) * 2^(-(t - t(e)) / h), which is what makes the online
 * state (events applied as they come) and the offline replay (applied in time order) agree.
 *
 * <p>Memory: 5 kinds x (half-lives + 1) doubles, two value sums and two longs, about 230 bytes with
 * the default three half-lives, plus the map entry holding it.
 */
final class ItemCounters {
    static final int POSITIVE = 0;
    static final int NEGATIVE = 1;
    static final int CONVERSION = 2;
    static final int IMPRESSION = 3;
    /** Positive events that answered a served slate (they carry its request id): clicks on impressions. */
    static final int RESPONSE = 4;
    static final int KINDS = 5;

    private final double[] halfLivesMs;
    private final double[][] counts;
    private double valueSum;
    private double valueCount;
    private long lastMs = Long.MIN_VALUE;
    private long firstMs = Long.MAX_VALUE;

    ItemCounters(double[] halfLivesMs) {
        this.halfLivesMs = halfLivesMs;
        this.counts = new double[KINDS][halfLivesMs.length];
    }

    synchronized void add(int kind, double weight, long atMs) {
        if (atMs >= lastMs) {
            decayTo(atMs);
            for (int w = 0; w < halfLivesMs.length; w++) {
                counts[kind][w] += weight;
            }
        } else {
            // Late arrival: add it already decayed to the counters' current time.
            for (int w = 0; w < halfLivesMs.length; w++) {
                counts[kind][w] += weight * decay(lastMs - atMs, halfLivesMs[w]);
            }
        }
        firstMs = Math.min(firstMs, atMs);
    }

    synchronized void addValue(double value) {
        valueSum += value;
        valueCount++;
    }

    /** Counter {@code kind} with half-life index {@code window}, as of {@code atMs}. */
    synchronized double count(int kind, int window, long atMs) {
        return counts[kind][window] * (atMs > lastMs ? decay(atMs - lastMs, halfLivesMs[window]) : 1.0);
    }

    synchronized double valueSum() {
        return valueSum;
    }

    synchronized double valueCount() {
        return valueCount;
    }

    /** Time of the earliest event or impression, or {@code Long.MAX_VALUE} when none. */
    synchronized long firstMs() {
        return firstMs;
    }

    /** Its whole state, for {@link StatisticsSnapshot}. */
    synchronized void writeTo(DataOutput out) throws IOException {
        for (double[] kind : counts) {
            for (double c : kind) {
                out.writeDouble(c);
            }
        }
        out.writeDouble(valueSum);
        out.writeDouble(valueCount);
        out.writeLong(lastMs);
        out.writeLong(firstMs);
    }

    /** Counters as {@link #writeTo} wrote them, for the same half-lives. */
    static ItemCounters readFrom(DataInput in, double[] halfLivesMs) throws IOException {
        ItemCounters c = new ItemCounters(halfLivesMs);
        for (double[] kind : c.counts) {
            for (int w = 0; w < kind.length; w++) {
                kind[w] = in.readDouble();
            }
        }
        c.valueSum = in.readDouble();
        c.valueCount = in.readDouble();
        c.lastMs = in.readLong();
        c.firstMs = in.readLong();
        return c;
    }

    private void decayTo(long atMs) {
        if (lastMs != Long.MIN_VALUE && atMs > lastMs) {
            for (int w = 0; w < halfLivesMs.length; w++) {
                double f = decay(atMs - lastMs, halfLivesMs[w]);
                for (int k = 0; k < KINDS; k++) {
                    counts[k][w] *= f;
                }
            }
        }
        lastMs = atMs;
    }

    private static double decay(long elapsedMs, double halfLifeMs) {
        return Double.isInfinite(halfLifeMs) ? 1.0 : Math.pow(0.5, elapsedMs / halfLifeMs);
    }
}
