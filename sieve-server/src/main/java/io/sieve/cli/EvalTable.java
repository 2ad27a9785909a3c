package io.sieve.cli;

import io.sieve.eval.EvalReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders an evaluation report as a plain-text table for the terminal. */
final class EvalTable {
    private static final List<String> PER_K = List.of("NDCG", "Precision", "Recall", "MAP", "HitRate", "MRR",
            "Coverage", "Diversity", "Novelty");

    private EvalTable() {
    }

    static String render(EvalReport report, List<Integer> ks) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s%nprotocol: %s%ntrain events: %,d   test users: %,d   catalog: %,d items   (%.1f s)%n%n",
                report.dataset(), report.protocol(), report.trainEvents(), report.testUsers(), report.catalogItems(),
                report.seconds()));
        List<String> columns = new ArrayList<>();
        for (int k : ks) {
            for (String m : PER_K) {
                columns.add(m + "@" + k);
            }
        }
        int nameWidth = Math.max(18, report.rows().stream().mapToInt(r -> r.name().length()).max().orElse(0));
        out.append(String.format(Locale.ROOT, "%-" + nameWidth + "s", "configuration"));
        for (String c : columns) {
            out.append(String.format(Locale.ROOT, " %12s", c));
        }
        out.append('\n');
        for (EvalReport.Row row : report.rows()) {
            out.append(String.format(Locale.ROOT, "%-" + nameWidth + "s", row.name()));
            for (String c : columns) {
                Double v = row.metrics().get(c);
                out.append(String.format(Locale.ROOT, " %12s", v == null || v.isNaN() ? "n/a" : String.format(Locale.ROOT, "%.4f", v)));
            }
            out.append('\n');
        }
        out.append("\ncandidate recall of each source at its quota (filters applied):\n");
        report.candidateRecall().forEach((name, r) -> out.append(String.format(Locale.ROOT,
                "  %-14s quota %5d   recall %.4f%n", name, r.quota(), r.recall())));
        if (report.ranker() != null) {
            out.append("\nlearned ranker, as trained on the evaluation's training part:\n")
                    .append(TrainCommand.describeRanker(report.ranker()));
        }
        return out.toString();
    }
}
