package io.sieve.experiment;

import io.sieve.config.AnalysisConfig;
import io.sieve.config.ExperimentConfig;
import io.sieve.config.ExperimentKind;
import io.sieve.config.HoldoutConfig;
import io.sieve.config.SieveConfig;
import io.sieve.experiment.stats.LiftTest;
import io.sieve.experiment.stats.MetricSample;
import io.sieve.experiment.stats.MultipleTesting;
import io.sieve.experiment.stats.SampleRatio;
import io.sieve.model.Event;
import io.sieve.model.EventTypes;
import io.sieve.model.Impression;
import io.sieve.model.Item;
import io.sieve.store.Store;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Computes an experiment's results from what the store holds: the logged impressions say who was
 * exposed to which variant and what was served; events carrying a served requestId are its clicks,
 * conversions and negative feedback; each exposed user's other events give engagement after the
 * first exposure and activity before it (CUPED). Nothing is kept between calls: the logs are the
 * record, so results survive restarts and every replica computes the same.
 */
public final class ExperimentAnalysis {
    private final SieveConfig config;
    private final Store store;

    public ExperimentAnalysis(SieveConfig config, Store store) {
        this.config = config;
        this.store = store;
    }

    /** The analysis settings configured. */
    public AnalysisConfig settings() {
        return config.experimentAnalysis();
    }

    /** The experiments configured, holdout included, by name. */
    public Map<String, ExperimentConfig> experiments() {
        Map<String, ExperimentConfig> all = new LinkedHashMap<>(config.experiments());
        if (config.holdout().fraction() > 0) {
            all.put(HoldoutConfig.NAME, config.holdout().asExperiment());
        }
        return all;
    }

    /** A configured experiment's results, or a canary's ({@code rollout-<version>}, under the canary settings configured now). */
    public Optional<ExperimentResults> results(String name) {
        ExperimentConfig experiment = experiments().get(name);
        if (experiment == null && name.startsWith(Canary.PREFIX)) {
            experiment = new Canary(name.substring(Canary.PREFIX.length()), null, null, config.rollout().canary()).asExperiment();
        }
        return Optional.ofNullable(experiment).map(e -> results(name, e, config.experimentAnalysis()));
    }

    /** The results under other analysis settings (CUPED off, another correction), for comparison. */
    public ExperimentResults results(String name, ExperimentConfig experiment, AnalysisConfig analysis) {
        if (experiment.kind() == ExperimentKind.interleaving) {
            return new ExperimentResults(name, experiment.layerOr(name), experiment.control(), true, Map.of(), List.of(), null,
                    settings(analysis), InterleavingAnalysis.of(name, experiment, store, analysis));
        }
        Exposures exposures = exposures(name, experiment);
        countEvents(exposures, analysis);
        Map<String, ExperimentResults.VariantSummary> variants = new LinkedHashMap<>();
        experiment.variants().keySet().forEach(v -> variants.put(v, summary(exposures, v, analysis)));
        return new ExperimentResults(name, experiment.layerOr(name), experiment.control(), srm(exposures, experiment).ok(),
                variants, comparisons(exposures, experiment, analysis), srm(exposures, experiment), settings(analysis), null);
    }

    private static ExperimentResults.Analysis settings(AnalysisConfig analysis) {
        return new ExperimentResults.Analysis(analysis.alpha(), analysis.correction().name(), analysis.sequential(),
                analysis.cuped(), analysis.cupedDays());
    }

    /** Who was exposed to which variant, and what each variant served. */
    private static final class Exposures {
        final Map<String, UserTotals> users = new HashMap<>();
        final Map<String, UserTotals> byRequest = new HashMap<>();
        final Map<String, List<Double>> latencies = new HashMap<>();
        final Map<String, long[]> degraded = new HashMap<>();
        final Map<String, Set<String>> items = new HashMap<>();
        final Map<String, double[]> diversity = new HashMap<>();
    }

    private Exposures exposures(String name, ExperimentConfig experiment) {
        Exposures x = new Exposures();
        Map<String, String> firstCategory = new HashMap<>();
        store.forEachImpression(imp -> {
            String variant = imp.experiments() == null ? null : imp.experiments().get(name);
            if (variant == null || !experiment.variants().containsKey(variant)) {
                return;
            }
            // A user stays in the variant they were first exposed to; a later change of salt or
            // weights does not move their history into another arm.
            UserTotals user = x.users.computeIfAbsent(imp.user(), u -> new UserTotals(variant, imp.timestamp()));
            if (!user.variant.equals(variant)) {
                return;
            }
            if (imp.timestamp().isBefore(user.firstExposure)) {
                user.firstExposure = imp.timestamp();
            }
            user.impressions++;
            x.byRequest.put(imp.requestId(), user);
            if (imp.latencyMs() != null) {
                x.latencies.computeIfAbsent(variant, v -> new ArrayList<>()).add(imp.latencyMs());
            }
            long[] fallbacks = x.degraded.computeIfAbsent(variant, v -> new long[2]);
            fallbacks[0]++;
            fallbacks[1] += Boolean.TRUE.equals(imp.degraded()) ? 1 : 0;
            Set<String> served = x.items.computeIfAbsent(variant, v -> new HashSet<>());
            Set<String> categories = new HashSet<>();
            for (Impression.Shown shown : imp.items()) {
                served.add(shown.item());
                categories.add(firstCategory.computeIfAbsent(shown.item(), this::firstCategory));
            }
            if (!imp.items().isEmpty()) {
                double[] d = x.diversity.computeIfAbsent(variant, v -> new double[2]);
                d[0] += categories.size() / (double) imp.items().size();
                d[1]++;
            }
        });
        return x;
    }

    private String firstCategory(String item) {
        return store.item(item).map(Item::categories).filter(c -> c != null && !c.isEmpty()).map(c -> c.get(0))
                .orElse("item:" + item);
    }

    private void countEvents(Exposures x, AnalysisConfig analysis) {
        EventTypes types = config.types();
        Set<String> clicks = Set.copyOf(analysis.clicks());
        Set<String> conversions = Set.copyOf(analysis.conversions());
        Duration lookback = Duration.ofSeconds((long) (analysis.cupedDays() * 86_400));
        store.forEachEvent((Event e) -> {
            if (e.requestId() != null) {
                UserTotals served = x.byRequest.get(e.requestId());
                if (served != null) {
                    served.clicks += clicks.contains(e.type()) ? 1 : 0;
                    served.conversions += conversions.contains(e.type()) ? 1 : 0;
                    served.negatives += types.get(e.type()).negative() ? 1 : 0;
                }
            }
            UserTotals user = x.users.get(e.user());
            if (user == null || types.get(e.type()).weight() <= 0) {
                return;
            }
            if (!e.timestamp().isBefore(user.firstExposure)) {
                user.engagement++;
                if (conversions.contains(e.type()) && e.value() != null) {
                    user.value += e.value();
                }
            } else if (!e.timestamp().isBefore(user.firstExposure.minus(lookback))) {
                user.before++;
            }
        });
    }

    private static MetricSample sample(Exposures x, String variant, Metric metric) {
        List<UserTotals> users = x.users.values().stream().filter(u -> u.variant.equals(variant)).toList();
        double[] num = new double[users.size()];
        double[] den = new double[users.size()];
        double[] cov = new double[users.size()];
        for (int i = 0; i < users.size(); i++) {
            num[i] = users.get(i).numerator(metric);
            den[i] = users.get(i).denominator(metric);
            cov[i] = users.get(i).before;
        }
        return new MetricSample(num, den, cov);
    }

    private ExperimentResults.VariantSummary summary(Exposures x, String variant, AnalysisConfig analysis) {
        List<UserTotals> users = x.users.values().stream().filter(u -> u.variant.equals(variant)).toList();
        long[] fallbacks = x.degraded.getOrDefault(variant, new long[2]);
        double[] diversity = x.diversity.getOrDefault(variant, new double[2]);
        double catalog = Math.max(1, store.itemCount());
        var guardrails = new ExperimentResults.Guardrails(p99(x.latencies.getOrDefault(variant, List.of())),
                fallbacks[0] == 0 ? 0 : fallbacks[1] / (double) fallbacks[0],
                sample(x, variant, Metric.negativeRate).value(),
                x.items.getOrDefault(variant, Set.of()).size() / catalog,
                diversity[1] == 0 ? 0 : diversity[0] / diversity[1]);
        return new ExperimentResults.VariantSummary(users.size(), users.stream().mapToLong(u -> u.impressions).sum(),
                users.stream().mapToLong(u -> u.clicks).sum(), users.stream().mapToLong(u -> u.conversions).sum(),
                estimate(x, variant, Metric.ctr, analysis), estimate(x, variant, Metric.conversion, analysis),
                estimate(x, variant, Metric.engagement, analysis), estimate(x, variant, Metric.value, analysis), guardrails);
    }

    private static ExperimentResults.Estimate estimate(Exposures x, String variant, Metric metric, AnalysisConfig analysis) {
        return ExperimentResults.Estimate.of(LiftTest.interval(sample(x, variant, metric), analysis.alpha()));
    }

    private static double p99(List<Double> latencies) {
        if (latencies.isEmpty()) {
            return 0;
        }
        double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(0.99 * sorted.length) - 1)];
    }

    private static List<ExperimentResults.Comparison> comparisons(Exposures x, ExperimentConfig experiment, AnalysisConfig analysis) {
        var settings = new LiftTest.Settings(analysis.alpha(), analysis.cuped(), analysis.tuningUsers());
        List<String> treatments = experiment.variants().keySet().stream().filter(v -> !v.equals(experiment.control())).toList();
        List<LiftTest.Result> results = new ArrayList<>();
        List<String[]> labels = new ArrayList<>();
        for (String variant : treatments) {
            for (Metric metric : Metric.values()) {
                MetricSample treatment = sample(x, variant, metric);
                MetricSample control = sample(x, experiment.control(), metric);
                if (treatment.numeratorSum() == 0 && control.numeratorSum() == 0) {
                    continue;
                }
                results.add(LiftTest.compare(treatment, control, settings));
                labels.add(new String[] {variant, metric.name()});
            }
        }
        double[] p = results.stream().mapToDouble(r -> analysis.sequential() ? r.sequentialP() : r.pValue()).toArray();
        double[] adjusted = MultipleTesting.adjust(p, analysis.correction());
        List<ExperimentResults.Comparison> out = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            LiftTest.Result r = results.get(i);
            Metric metric = Metric.valueOf(labels.get(i)[1]);
            boolean significant = adjusted[i] < analysis.alpha();
            boolean better = significant && (metric.lowerIsBetter() ? r.absolute().value() < 0 : r.absolute().value() > 0);
            out.add(new ExperimentResults.Comparison(labels.get(i)[0], experiment.control(), metric,
                    ExperimentResults.Estimate.of(r.absolute()), ExperimentResults.Estimate.of(r.relative()),
                    new double[] {r.sequential().low(), r.sequential().high()}, r.pValue(), r.sequentialP(), adjusted[i],
                    significant, better, r.varianceReduction()));
        }
        return out;
    }

    private static ExperimentResults.Srm srm(Exposures x, ExperimentConfig experiment) {
        List<String> names = new ArrayList<>(experiment.variants().keySet());
        long[] observed = new long[names.size()];
        double[] weights = new double[names.size()];
        Map<String, Long> users = new LinkedHashMap<>();
        Map<String, Double> shares = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String v = names.get(i);
            observed[i] = x.users.values().stream().filter(u -> u.variant.equals(v)).count();
            weights[i] = experiment.variants().get(v).weight();
            users.put(v, observed[i]);
            shares.put(v, weights[i]);
        }
        double p = SampleRatio.pValue(observed, weights);
        return new ExperimentResults.Srm(p, p >= SampleRatio.THRESHOLD || Arrays.stream(observed).sum() == 0, users, shares);
    }
}
