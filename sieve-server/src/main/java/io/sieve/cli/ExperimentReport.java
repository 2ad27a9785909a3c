package io.sieve.cli;

import io.sieve.experiment.ExperimentResults;
import java.util.Locale;
import java.util.Map;

/** An experiment's results as a terminal table (the HTML page is {@link HtmlReport}'s). */
final class ExperimentReport {
    private ExperimentReport() {
    }

    static String text(ExperimentResults r) {
        if (r.interleaving() != null) {
            return interleaving(r);
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "experiment %s (layer %s), control %s%n", r.name(), r.layer(), r.control()));
        out.append(String.format(Locale.ROOT, "sample ratio: p = %.4g %s%n", r.srm().pValue(), r.srm().ok()
                ? "(ok)" : "MISMATCH: users per variant are not what the weights promise; do not trust these results"));
        out.append(String.format(Locale.ROOT, "analysis: alpha %.2f, %s correction, %s, CUPED %s%n%n", r.analysis().alpha(),
                r.analysis().correction(), r.analysis().sequential() ? "always-valid intervals" : "fixed horizon",
                r.analysis().cuped() ? "on" : "off"));
        out.append(String.format(Locale.ROOT, "%-16s %8s %11s %8s %22s %22s %9s %9s %8s %8s%n", "variant", "users", "impressions",
                "clicks", "ctr [ci]", "engagement/user [ci]", "p99 ms", "fallback", "coverage", "divers."));
        for (Map.Entry<String, ExperimentResults.VariantSummary> e : r.variants().entrySet()) {
            var v = e.getValue();
            out.append(String.format(Locale.ROOT, "%-16s %8d %11d %8d %22s %22s %9.1f %9.4f %8.4f %8.3f%n", e.getKey(), v.users(),
                    v.impressions(), v.clicks(), estimate(v.ctr()), estimate(v.engagementPerUser()), v.guardrails().p99LatencyMs(),
                    v.guardrails().fallbackRate(), v.guardrails().coverage(), v.guardrails().diversity()));
        }
        boolean sequential = r.analysis().sequential();
        out.append(String.format(Locale.ROOT, "%n%-16s %-13s %9s %28s %11s %10s %10s %s%n", "variant", "metric", "relative",
                "lift [" + (sequential ? "always-valid" : "fixed") + " ci]", "p", "adjusted p", "CUPED -var", "verdict"));
        for (ExperimentResults.Comparison c : r.comparisons()) {
            double[] ci = sequential ? c.sequentialCi() : c.lift().ci();
            out.append(String.format(Locale.ROOT, "%-16s %-13s %9s %28s %11.4g %10.4g %9.0f%% %s%n", c.variant(), c.metric(),
                    c.relativeLift() == null ? "n/a" : String.format(Locale.ROOT, "%+.1f%%", 100 * c.relativeLift().value()),
                    String.format(Locale.ROOT, "%+.4f [%+.4f, %+.4f]", c.lift().value(), ci[0], ci[1]),
                    sequential ? c.sequentialPValue() : c.pValue(), c.adjustedPValue(), 100 * c.cupedVarianceReduction(), verdict(c)));
        }
        return out.toString();
    }

    private static String interleaving(ExperimentResults r) {
        var i = r.interleaving();
        return String.format(Locale.ROOT, "interleaving experiment %s (team draft)%n%,d interleaved lists, %,d with credited clicks%n"
                        + "lists won: %s   users preferring: %s%npreference for %s over %s: %+.3f [%+.3f, %+.3f], sign test p = %.4g: %s%n",
                r.name(), i.lists(), i.listsWithClicks(), i.listWins(), i.userWins(), last(i.userWins()), r.control(),
                i.preference().value(), i.preference().ci()[0], i.preference().ci()[1], i.pValue(),
                i.significant() ? i.winner() + " is preferred" : "no significant preference");
    }

    private static String last(Map<String, Long> teams) {
        return new java.util.ArrayList<>(teams.keySet()).getLast();
    }

    private static String verdict(ExperimentResults.Comparison c) {
        if (!c.significant()) {
            return "no significant difference";
        }
        return c.better() ? "better" : "WORSE";
    }

    private static String estimate(ExperimentResults.Estimate e) {
        return String.format(Locale.ROOT, "%.4f [%.4f, %.4f]", e.value(), e.ci()[0], e.ci()[1]);
    }
}
