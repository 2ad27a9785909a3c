package io.sieve.ingest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders an {@link ImportReport} as plain-text tables for a terminal. */
public final class ImportReportTable {
    private ImportReportTable() {
    }

    public static String render(ImportReport report) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Imported %s in %.1f s: %s rows read, %s accepted, %s rejected%n%n",
                report.format(), report.elapsedMillis() / 1000.0,
                count(report.read()), count(report.accepted()), count(report.rejected())));

        List<String[]> files = new ArrayList<>();
        files.add(new String[] {"file", "records", "read", "accepted", "rejected"});
        for (FileCounts f : report.files()) {
            files.add(new String[] {fileName(f.file()), f.kind().label(), count(f.read()), count(f.accepted()),
                count(f.rejected())});
        }
        table(out, files, "<<>>>");

        if (!report.rejectedByReason().isEmpty()) {
            out.append(System.lineSeparator()).append("Rejected rows by reason");
            long reasonTotal = report.rejectedByReason().stream().mapToLong(ReasonCount::rows).sum();
            out.append(reasonTotal > report.rejected() ? " (a row with several faults counts under each)" : "");
            out.append(':').append(System.lineSeparator());
            List<String[]> reasons = new ArrayList<>();
            reasons.add(new String[] {"rows", "records", "field", "reason"});
            for (ReasonCount r : report.rejectedByReason()) {
                reasons.add(new String[] {count(r.rows()), r.kind().label(), r.field(), r.reason()});
            }
            table(out, reasons, "><<<");
        }

        if (!report.firstRejected().isEmpty()) {
            out.append(System.lineSeparator());
            out.append(report.rejected() > report.firstRejected().size()
                    ? "First " + report.firstRejected().size() + " rejected rows:" : "Rejected rows:");
            out.append(System.lineSeparator());
            report.firstRejected().forEach(r -> out.append("  ").append(r).append(System.lineSeparator()));
        }

        if (!report.warnings().isEmpty()) {
            out.append(System.lineSeparator()).append("Warnings:").append(System.lineSeparator());
            report.warnings().forEach(w -> out.append("  ").append(w).append(System.lineSeparator()));
        }
        return out.toString();
    }

    /** {@code align} holds one character per column: '<' left, '>' right (numbers). */
    private static void table(StringBuilder out, List<String[]> rows, String align) {
        int[] width = new int[align.length()];
        for (String[] row : rows) {
            for (int c = 0; c < width.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(" ");
            for (int c = 0; c < width.length; c++) {
                line.append(' ').append(pad(row[c], width[c], align.charAt(c) == '>'));
            }
            out.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
    }

    private static String pad(String text, int width, boolean right) {
        String spaces = " ".repeat(width - text.length());
        return right ? spaces + text : text + spaces;
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String fileName(String file) {
        Path name = Path.of(file).getFileName();
        return name == null ? file : name.toString();
    }
}
