package io.sieve.bench.spark;

import io.sieve.train.cf.InteractionMatrix;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Seeded synthetic implicit feedback with a known latent structure, written straight into CSR
 * arrays (nothing allocated per interaction), so that an ML-20M-sized set takes seconds:
 * <ul>
 *   <li>item popularity follows a power law (Zipf, exponent 1) over shuffled item ids;</li>
 *   <li>every item belongs to one of {@value #TASTES} taste clusters and every user to one taste;
 *       {@value #FOCUS} of a user's draws come from their taste's items, the rest from the whole
 *       catalog, each by popularity;</li>
 *   <li>activity (items per user) is log-normal, heavy-tailed like ratings per user in MovieLens,
 *       between {@value #MIN_ACTIVITY} and a third of the catalog, scaled so that the total is
 *       exactly the requested number of interactions.</li>
 * </ul>
 * A user's items are distinct, so the matrix has exactly that many non-zeros; every strength is 1.
 */
public final class SyntheticInteractions {
    private static final int TASTES = 32;
    private static final double ZIPF_EXPONENT = 1.0;
    private static final double FOCUS = 0.8;
    private static final double ACTIVITY_SIGMA = 1.2;
    private static final int MIN_ACTIVITY = 20;

    public record Shape(int users, int items, int interactions, long seed) {
    }

    private SyntheticInteractions() {
    }

    public static InteractionMatrix generate(Shape shape) {
        SplittableRandom random = new SplittableRandom(shape.seed());
        int items = shape.items();
        double[] popularity = zipfOverShuffledIds(items, random);
        int[] taste = new int[items];
        for (int i = 0; i < items; i++) {
            taste[i] = random.nextInt(TASTES);
        }
        int[][] members = membersByTaste(taste);
        AliasSampler[] tasteSamplers = new AliasSampler[TASTES];
        for (int t = 0; t < TASTES; t++) {
            double[] weights = new double[members[t].length];
            for (int m = 0; m < weights.length; m++) {
                weights[m] = popularity[members[t][m]];
            }
            tasteSamplers[t] = new AliasSampler(weights);
        }
        AliasSampler catalog = new AliasSampler(popularity);

        int[] rowStart = rowStarts(activity(shape, random));
        int[] cols = new int[shape.interactions()];
        int[] stamp = new int[items]; // stamp[i] == u + 1: user u already has item i
        for (int u = 0; u < shape.users(); u++) {
            int t = random.nextInt(TASTES);
            // Past half of their taste's items a heavy user draws from the whole catalog, which
            // keeps rejecting already-taken items cheap.
            int tasteLimit = members[t].length / 2;
            int inTaste = 0;
            for (int at = rowStart[u]; at < rowStart[u + 1]; ) {
                boolean focused = inTaste < tasteLimit && random.nextDouble() < FOCUS;
                int item = focused ? members[t][tasteSamplers[t].sample(random)] : catalog.sample(random);
                if (stamp[item] != u + 1) {
                    stamp[item] = u + 1;
                    cols[at++] = item;
                    inTaste += taste[item] == t ? 1 : 0;
                }
            }
            Arrays.sort(cols, rowStart[u], rowStart[u + 1]);
        }
        float[] values = new float[cols.length];
        Arrays.fill(values, 1f);
        return new InteractionMatrix(userIds(shape.users()), items, rowStart, cols, values);
    }

    private static double[] zipfOverShuffledIds(int items, SplittableRandom random) {
        int[] rank = new int[items];
        for (int i = 0; i < items; i++) {
            rank[i] = i;
        }
        for (int i = items - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = rank[i];
            rank[i] = rank[j];
            rank[j] = swap;
        }
        double[] popularity = new double[items];
        for (int i = 0; i < items; i++) {
            popularity[i] = Math.pow(rank[i] + 1, -ZIPF_EXPONENT);
        }
        return popularity;
    }

    private static int[][] membersByTaste(int[] taste) {
        int[] size = new int[TASTES];
        for (int t : taste) {
            size[t]++;
        }
        int[][] members = new int[TASTES][];
        for (int t = 0; t < TASTES; t++) {
            members[t] = new int[size[t]];
        }
        int[] filled = new int[TASTES];
        for (int i = 0; i < taste.length; i++) {
            members[taste[i]][filled[taste[i]]++] = i;
        }
        return members;
    }

    /** Items per user: log-normal draws, clamped, scaled to sum to exactly the requested total. */
    private static int[] activity(Shape shape, SplittableRandom random) {
        int users = shape.users();
        long total = shape.interactions();
        int min = (int) Math.min(MIN_ACTIVITY, total / users);
        int max = shape.items() / 3;
        if (total > (long) users * max) {
            throw new IllegalArgumentException("at most a third of the catalog per user: " + (long) users * max
                    + " interactions, " + total + " asked");
        }
        double[] raw = new double[users];
        for (int u = 0; u < users; u++) {
            raw[u] = Math.exp(ACTIVITY_SIGMA * random.nextGaussian());
        }
        // The clamped sum grows continuously with the scale: bisect for the scale that meets the
        // total from below, then hand out what flooring left over, one item each.
        double low = 0;
        double high = 1;
        while (clampedSum(raw, high, min, max) < total) {
            high *= 2;
        }
        for (int step = 0; step < 100; step++) {
            double mid = (low + high) / 2;
            if (clampedSum(raw, mid, min, max) <= total) {
                low = mid;
            } else {
                high = mid;
            }
        }
        int[] count = new int[users];
        long assigned = 0;
        for (int u = 0; u < users; u++) {
            count[u] = (int) clamp(min + low * raw[u], min, max);
            assigned += count[u];
        }
        for (int u = 0; assigned < total; u = (u + 1) % users) {
            if (count[u] < max) {
                count[u]++;
                assigned++;
            }
        }
        return count;
    }

    private static double clampedSum(double[] raw, double scale, int min, int max) {
        double sum = 0;
        for (double r : raw) {
            sum += clamp(min + scale * r, min, max);
        }
        return sum;
    }

    private static double clamp(double value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }

    private static int[] rowStarts(int[] count) {
        int[] rowStart = new int[count.length + 1];
        for (int u = 0; u < count.length; u++) {
            rowStart[u + 1] = rowStart[u] + count[u];
        }
        return rowStart;
    }

    /** Synthetic users are named by index; the names are made on demand rather than stored. */
    private static List<String> userIds(int users) {
        return new AbstractList<>() {
            @Override
            public String get(int index) {
                return "u" + Objects.checkIndex(index, users);
            }

            @Override
            public int size() {
                return users;
            }
        };
    }
}
