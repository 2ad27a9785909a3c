package io.sieve.cli;

import io.sieve.experiment.ExperimentResults;
import java.util.Locale;
import java.util.Map;

/** An experiment's results as a terminal table and as a self-contained HTML page. */
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

    private static String percent(ExperimentResults.Estimate e) {
        if (e == null) {
            return "n/a (control at 0)";
        }
        return String.format(Locale.ROOT, "%+.1f%% [%+.1f, %+.1f]", 100 * e.value(), 100 * e.ci()[0], 100 * e.ci()[1]);
    }

    /** The same tables as a page with no outside resources; each lift is drawn as its interval around zero. */
    static String html(ExperimentResults r) {
        if (r.interleaving() != null) {
            return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Experiment " + escape(r.name())
                    + "</title></head><body style=\"font-family:sans-serif;max-width:70em;margin:2em auto\"><h1>Experiment "
                    + escape(r.name()) + "</h1><pre>" + escape(interleaving(r)) + "</pre></body></html>\n";
        }
        StringBuilder page = new StringBuilder("""
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Experiment %s</title>
                <style>body{font-family:sans-serif;max-width:70em;margin:2em auto}table{border-collapse:collapse}
                td,th{padding:.3em .6em;border-bottom:1px solid #ddd;text-align:right}td:first-child,th:first-child{text-align:left}
                .bad{color:#b00;font-weight:bold}.good{color:#070;font-weight:bold}</style></head><body>
                """.formatted(escape(r.name())));
        page.append("<h1>Experiment ").append(escape(r.name())).append("</h1>");
        page.append("<p>Layer ").append(escape(r.layer())).append(", control <b>").append(escape(r.control())).append("</b>. ");
        page.append(r.srm().ok() ? "Sample ratio ok" : "<span class=bad>Sample ratio MISMATCH: do not trust these results</span>")
                .append(String.format(Locale.ROOT, " (p = %.4g).</p>", r.srm().pValue()));
        page.append("<h2>Variants</h2><table><tr><th>variant</th><th>users</th><th>impressions</th><th>clicks</th><th>CTR</th>"
                + "<th>engagement per user</th><th>p99 latency (ms)</th><th>fallback rate</th><th>coverage</th><th>diversity</th></tr>");
        r.variants().forEach((name, v) -> page.append(String.format(Locale.ROOT,
                "<tr><td>%s</td><td>%d</td><td>%d</td><td>%d</td><td>%s</td><td>%s</td><td>%.1f</td><td>%.4f</td><td>%.4f</td><td>%.3f</td></tr>",
                escape(name), v.users(), v.impressions(), v.clicks(), estimate(v.ctr()), estimate(v.engagementPerUser()),
                v.guardrails().p99LatencyMs(), v.guardrails().fallbackRate(), v.guardrails().coverage(), v.guardrails().diversity())));
        page.append("</table><h2>Against the control</h2><table><tr><th>variant</th><th>metric</th><th>relative lift</th>"
                + "<th>interval</th><th>adjusted p</th><th>CUPED variance removed</th><th>verdict</th></tr>");
        for (ExperimentResults.Comparison c : r.comparisons()) {
            String css = !c.significant() ? "" : c.better() ? "good" : "bad";
            page.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%.4g</td><td>%.0f%%</td>"
                            + "<td class=\"%s\">%s</td></tr>", escape(c.variant()), c.metric(), percent(c.relativeLift()),
                    intervalBar(c.relativeLift()), c.adjustedPValue(), 100 * c.cupedVarianceReduction(), css, verdict(c)));
        }
        return page.append("</table></body></html>\n").toString();
    }

    /** An SVG bar of the interval on a -50%..+50% axis with zero marked. */
    private static String intervalBar(ExperimentResults.Estimate e) {
        if (e == null) {
            return "";
        }
        double lo = clamp(e.ci()[0]);
        double hi = clamp(e.ci()[1]);
        double mid = clamp(e.value());
        return String.format(Locale.ROOT, "<svg width=\"200\" height=\"14\"><line x1=\"100\" y1=\"0\" x2=\"100\" y2=\"14\" stroke=\"#999\"/>"
                + "<rect x=\"%.1f\" y=\"4\" width=\"%.1f\" height=\"6\" fill=\"#48c\"/><circle cx=\"%.1f\" cy=\"7\" r=\"3\" fill=\"#024\"/></svg>",
                x(lo), Math.max(1, x(hi) - x(lo)), x(mid));
    }

    private static double clamp(double v) {
        return Double.isFinite(v) ? Math.max(-0.5, Math.min(0.5, v)) : 0;
    }

    private static double x(double v) {
        return 100 + 200 * v;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
