package io.sieve.experiment;

import io.sieve.config.AnalysisConfig;
import io.sieve.config.ExperimentConfig;
import io.sieve.model.Impression;
import io.sieve.store.Store;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;

/** Credits an interleaving experiment's clicks to the variants that contributed the clicked items (see {@link ExperimentResults.Interleaving}). */
final class InterleavingAnalysis {
    private InterleavingAnalysis() {
    }

    static ExperimentResults.Interleaving of(String name, ExperimentConfig experiment, Store store, AnalysisConfig analysis) {
        List<String> teams = new ArrayList<>(experiment.variants().keySet());
        Map<String, Impression> lists = new HashMap<>();
        store.forEachImpression(imp -> {
            if (imp.teams() != null && imp.experiments() != null && Assignment.INTERLEAVED.equals(imp.experiments().get(name))) {
                lists.put(imp.requestId(), imp);
            }
        });
        Set<String> clickTypes = Set.copyOf(analysis.clicks());
        Map<String, long[]> credits = new HashMap<>();
        store.forEachEvent(e -> {
            Impression list = e.requestId() == null || !clickTypes.contains(e.type()) ? null : lists.get(e.requestId());
            String team = list == null ? null : list.teams().get(e.item());
            if (team != null) {
                credits.computeIfAbsent(e.requestId(), r -> new long[2])[teams.indexOf(team)]++;
            }
        });
        long[] listWins = new long[2];
        Map<String, long[]> byUser = new HashMap<>();
        credits.forEach((request, c) -> {
            if (c[0] != c[1]) {
                int winner = c[0] > c[1] ? 0 : 1;
                listWins[winner]++;
                byUser.computeIfAbsent(lists.get(request).user(), u -> new long[2])[winner]++;
            }
        });
        long[] userWins = new long[2];
        byUser.values().forEach(w -> {
            if (w[0] != w[1]) {
                userWins[w[0] > w[1] ? 0 : 1]++;
            }
        });
        long n = userWins[0] + userWins[1];
        double p = n == 0 ? 1 : signTest(userWins[1], n);
        double share = n == 0 ? 0.5 : userWins[1] / (double) n;
        double z = NormalDistribution.of(0, 1).inverseCumulativeProbability(1 - analysis.alpha() / 2);
        double half = n == 0 ? 1 : 2 * z * Math.sqrt(share * (1 - share) / n);
        double preference = 2 * share - 1;
        boolean significant = p < analysis.alpha();
        return new ExperimentResults.Interleaving(lists.size(), credits.size(), counts(teams, listWins), counts(teams, userWins),
                new ExperimentResults.Estimate(preference, new double[] {Math.max(-1, preference - half), Math.min(1, preference + half)}),
                p, significant, significant ? teams.get(preference > 0 ? 1 : 0) : null);
    }

    /** Two-sided exact sign test: how unlikely a split at least this uneven is when neither side is preferred. */
    private static double signTest(long k, long n) {
        BinomialDistribution fair = BinomialDistribution.of((int) n, 0.5);
        long low = Math.min(k, n - k);
        return Math.min(1, 2 * fair.cumulativeProbability((int) low));
    }

    private static Map<String, Long> counts(List<String> teams, long[] values) {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put(teams.get(0), values[0]);
        out.put(teams.get(1), values[1]);
        return out;
    }
}
