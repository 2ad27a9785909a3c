package io.sieve.simulate;

import io.sieve.ann.ItemIndex;
import io.sieve.bundle.cf.AlsModel;
import io.sieve.bundle.cf.Factors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler;
import org.apache.commons.rng.sampling.distribution.GaussianSampler;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Simulated users with hidden tastes. Each one borrows a real user's taste (that user's ALS vector,
 * folded in from their history by a ground-truth model trained on the world's data), blurred with
 * Gaussian noise so no two are alike, and an activity rate drawn from a gamma distribution (some
 * users come daily, most rarely), which drives both their activity before an experiment and during
 * it: the correlation CUPED exploits. Affinities are z-scored over the catalog per user.
 */
final class SimulatedPopulation {
    /** Organic activity picks among a user's this many most attractive items. */
    private static final int ORGANIC_POOL = 200;

    record SimulatedUser(String id, float[] affinityZ, double activity, int[] favourites) {
    }

    private final ItemIndex items;
    private final List<SimulatedUser> users = new ArrayList<>();

    /**
     * @param tastes real users' histories as (item indexes of the truth model, strengths)
     * @param noise  standard deviation of the noise added to each unit-length taste vector, per unit of length
     */
    SimulatedPopulation(AlsModel truth, ItemIndex items, List<Map.Entry<int[], float[]>> tastes, int count, double noise,
                        UniformRandomProvider random) {
        this.items = items;
        Factors factors = truth.items();
        int dim = factors.dim();
        var gauss = GaussianSampler.of(ZigguratSampler.NormalizedGaussian.of(random), 0, noise / Math.sqrt(dim));
        var activity = AhrensDieterMarsagliaTsangGammaSampler.of(random, 2, 0.5);
        for (int u = 0; u < count; u++) {
            var history = tastes.get(random.nextInt(tastes.size()));
            float[] taste = truth.foldIn(history.getKey(), history.getValue());
            double norm = 0;
            for (float t : taste) {
                norm += t * t;
            }
            norm = Math.sqrt(Math.max(norm, 1e-12));
            float[] vector = new float[dim];
            for (int d = 0; d < dim; d++) {
                vector[d] = (float) (taste[d] / norm + gauss.sample());
            }
            float[] z = zScores(factors, vector);
            users.add(new SimulatedUser("sim-" + u, z, activity.sample(), favourites(z)));
        }
    }

    private static float[] zScores(Factors factors, float[] vector) {
        int n = factors.rows();
        float[] scores = new float[n];
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < n; i++) {
            float[] row = factors.row(i);
            double s = 0;
            for (int d = 0; d < row.length; d++) {
                s += row[d] * vector[d];
            }
            scores[i] = (float) s;
            sum += s;
            sumSq += s * s;
        }
        double mean = sum / n;
        double sd = Math.sqrt(Math.max(sumSq / n - mean * mean, 1e-12));
        for (int i = 0; i < n; i++) {
            scores[i] = (float) ((scores[i] - mean) / sd);
        }
        return scores;
    }

    private static int[] favourites(float[] z) {
        Integer[] order = new Integer[z.length];
        java.util.Arrays.setAll(order, i -> i);
        java.util.Arrays.sort(order, (a, b) -> Float.compare(z[b], z[a]));
        int[] top = new int[Math.min(ORGANIC_POOL, z.length)];
        for (int i = 0; i < top.length; i++) {
            top[i] = order[i];
        }
        return top;
    }

    List<SimulatedUser> users() {
        return users;
    }

    ItemIndex items() {
        return items;
    }

    /** The user's affinity z-score for an item id; an item the truth does not know is average. */
    double affinity(SimulatedUser user, String item) {
        int index = items.indexOf(item);
        return index < 0 ? 0 : user.affinityZ()[index];
    }

    /** An item the user would find on their own: one of their favourites, the better ones more often. */
    String organicItem(SimulatedUser user, UniformRandomProvider random) {
        // Geometric over the favourites' ranks: the top ones dominate, the tail still occurs.
        int rank = Math.min(user.favourites().length - 1, (int) (-Math.log(1 - random.nextDouble()) * 30));
        return items.id(user.favourites()[rank]);
    }

    static int poisson(UniformRandomProvider random, double mean) {
        return mean <= 0 ? 0 : PoissonSampler.of(random, mean).sample();
    }
}
