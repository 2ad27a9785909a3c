package io.sieve.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Off-policy estimates of a candidate policy's clicks per list from lists a logging policy served,
 * following Open Bandit Pipeline's definitions (Saito et al., 2021) position by position (its
 * "independent" slate estimators): a logged position counts for the candidate with weight
 * {@code 1 / propensity} when the candidate would have shown the same item there, and 0 otherwise.
 * <ul>
 * <li>IPS: the mean over lists of {@code sum_k w_k r_k};
 * <li>SNIPS: each position's weighted rewards divided by that position's mean weight, which trades
 *     a little bias for much less variance;
 * <li>DR: a reward model's prediction for the candidate's item, corrected by the weighted error of
 *     the model on the logged item ({@code q(k, target) + w (r - q(k, shown))}).
 * </ul>
 * Weights are clipped at {@code clip}. Intervals are bootstrap percentiles over lists (seeded). The
 * estimates are only as good as the log's support: positions the logging policy never varied
 * (propensity 1) count only where the candidate agrees with what was shown, so a candidate that
 * differs outside the exploration slots is estimated from few lists, which the effective sample
 * size and the warning report.
 */
public final class OffPolicyEstimators {
    /** Below this effective sample size the intervals are not worth much. */
    static final double SMALL_SAMPLE = 100;
    /** Pulls a rarely shown item's click rate toward its position's. */
    private static final double PRIOR_SHOWS = 20;

    /**
     * One served list: what was shown, with which propensity, what was clicked, and what the
     * candidate policy would have shown in the same request.
     */
    public record LoggedSlate(List<String> shown, double[] propensities, boolean[] clicked, List<String> target) {
    }

    public record Estimate(double value, double low, double high) {
    }

    /**
     * @param loggedCtr           clicks per list as logged
     * @param effectiveSampleSize (sum of weights)^2 / sum of squared weights, over all positions
     * @param support             share of logged positions where the candidate agrees with the log
     */
    public record Result(long slates, double loggedCtr, Estimate ips, Estimate snips, Estimate doublyRobust,
                         double effectiveSampleSize, double support, double clip, List<String> warnings) {
    }

    private OffPolicyEstimators() {
    }

    public static Result estimate(List<LoggedSlate> slates, double clip, int resamples, long seed) {
        RewardModel model = RewardModel.fit(slates);
        Values all = values(slates, clip, model, null);
        UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        double[][] boot = new double[3][resamples];
        int[] pick = new int[slates.size()];
        for (int b = 0; b < resamples; b++) {
            for (int i = 0; i < pick.length; i++) {
                pick[i] = random.nextInt(pick.length);
            }
            Values v = values(slates, clip, model, pick);
            boot[0][b] = v.ips;
            boot[1][b] = v.snips;
            boot[2][b] = v.dr;
        }
        double logged = slates.stream().mapToDouble(s -> {
            int c = 0;
            for (boolean x : s.clicked()) {
                c += x ? 1 : 0;
            }
            return c;
        }).average().orElse(0);
        List<String> warnings = new ArrayList<>();
        if (all.ess < SMALL_SAMPLE) {
            warnings.add(String.format(java.util.Locale.ROOT, "effective sample size %.0f is small: the candidate agrees with the log "
                    + "on %.1f%% of positions; explore more (exploration.policy) or evaluate a candidate closer to what was served",
                    all.ess, 100 * all.support));
        }
        return new Result(slates.size(), logged, interval(all.ips, boot[0]), interval(all.snips, boot[1]), interval(all.dr, boot[2]),
                all.ess, all.support, clip, warnings);
    }

    private record Values(double ips, double snips, double dr, double ess, double support) {
    }

    /** The three estimates over the lists {@code pick} names (every list when null). */
    private static Values values(List<LoggedSlate> slates, double clip, RewardModel model, int[] pick) {
        int n = pick == null ? slates.size() : pick.length;
        double ips = 0;
        double dr = 0;
        Map<Integer, double[]> perPosition = new HashMap<>();
        double sumW = 0;
        double sumW2 = 0;
        long positions = 0;
        long agreeing = 0;
        for (int j = 0; j < n; j++) {
            LoggedSlate s = slates.get(pick == null ? j : pick[j]);
            for (int k = 0; k < s.shown().size(); k++) {
                String shown = s.shown().get(k);
                boolean agrees = k < s.target().size() && s.target().get(k).equals(shown);
                double w = agrees ? Math.min(clip, 1 / s.propensities()[k]) : 0;
                double r = s.clicked()[k] ? 1 : 0;
                ips += w * r;
                double target = k < s.target().size() ? model.predict(k, s.target().get(k)) : 0;
                dr += target + w * (r - model.predict(k, shown));
                double[] acc = perPosition.computeIfAbsent(k, x -> new double[2]);
                acc[0] += w * r;
                acc[1] += w;
                sumW += w;
                sumW2 += w * w;
                positions++;
                agreeing += agrees ? 1 : 0;
            }
        }
        double snips = 0;
        for (double[] acc : perPosition.values()) {
            snips += acc[1] == 0 ? 0 : acc[0] / acc[1];
        }
        return new Values(n == 0 ? 0 : ips / n, snips, n == 0 ? 0 : dr / n, sumW2 == 0 ? 0 : sumW * sumW / sumW2,
                positions == 0 ? 0 : agreeing / (double) positions);
    }

    private static Estimate interval(double value, double[] boot) {
        double[] sorted = boot.clone();
        java.util.Arrays.sort(sorted);
        if (sorted.length == 0) {
            return new Estimate(value, value, value);
        }
        return new Estimate(value, sorted[(int) Math.floor(0.025 * (sorted.length - 1))],
                sorted[(int) Math.ceil(0.975 * (sorted.length - 1))]);
    }

    /**
     * DR's reward model: the click rate of (position, item), pulled toward the position's rate when
     * the item was shown there rarely. Fitted on the log itself.
     */
    private record RewardModel(Map<Integer, Double> positionRate, Map<String, double[]> counts) {
        static RewardModel fit(List<LoggedSlate> slates) {
            Map<Integer, double[]> positions = new HashMap<>();
            Map<String, double[]> counts = new HashMap<>();
            for (LoggedSlate s : slates) {
                for (int k = 0; k < s.shown().size(); k++) {
                    double r = s.clicked()[k] ? 1 : 0;
                    double[] p = positions.computeIfAbsent(k, x -> new double[2]);
                    p[0] += r;
                    p[1]++;
                    double[] c = counts.computeIfAbsent(k + "\u0000" + s.shown().get(k), x -> new double[2]);
                    c[0] += r;
                    c[1]++;
                }
            }
            Map<Integer, Double> rates = new HashMap<>();
            positions.forEach((k, p) -> rates.put(k, p[0] / p[1]));
            return new RewardModel(rates, counts);
        }

        double predict(int position, String item) {
            double prior = positionRate.getOrDefault(position, 0.0);
            double[] c = counts.get(position + "\u0000" + item);
            return c == null ? prior : (c[0] + PRIOR_SHOWS * prior) / (c[1] + PRIOR_SHOWS);
        }
    }
}
