package io.sieve.bundle.rank;

import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.Optional;

/**
 * Checks the layout of a LightGBM text model before it is handed to LightGBM, whose parser trusts
 * it: it cuts the trees at the byte offsets in the header's {@code tree_sizes} and parses them in
 * parallel, so a truncated file sends it reading past the end of the text, and an error thrown
 * there can abort the whole process. A model passes when every offset falls inside the text on a
 * {@code Tree=} line and {@code end of trees} follows the last tree.
 */
public final class LightGbmModelText {
    private LightGbmModelText() {
    }

    /** What is wrong with {@code text}, or empty when LightGBM can safely parse it. */
    public static Optional<String> problem(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (!text.startsWith("tree\n")) {
            return Optional.of("it does not start as a LightGBM text model does");
        }
        int firstTree = lineStartingWith(text, "Tree=");
        if (firstTree < 0) {
            return Optional.of("it has no trees");
        }
        int sizesLine = lineStartingWith(text, "tree_sizes=");
        if (sizesLine < 0 || sizesLine > firstTree) {
            return Optional.of("its header has no tree_sizes");
        }
        String[] sizes = text.substring(sizesLine + "tree_sizes=".length(), text.indexOf('\n', sizesLine)).trim().split(" ");
        long offset = text.substring(0, firstTree).getBytes(StandardCharsets.UTF_8).length;
        for (int i = 0; i < sizes.length; i++) {
            if (!startsWith(bytes, offset, "Tree=")) {
                return Optional.of("tree " + i + " is not where tree_sizes puts it (truncated or edited)");
            }
            try {
                offset += Long.parseLong(sizes[i]);
            } catch (NumberFormatException e) {
                return Optional.of("tree_sizes holds '" + sizes[i] + "', not a size");
            }
        }
        if (!startsWith(bytes, offset, "end of trees")) {
            return Optional.of("'end of trees' does not follow the last tree (truncated or edited)");
        }
        return Optional.empty();
    }

    /** The columns some tree of {@code text} splits on: the features that can move the model's score. */
    public static BitSet splitFeatures(String text) {
        BitSet used = new BitSet();
        text.lines().filter(line -> line.startsWith("split_feature=")).forEach(line -> {
            for (String column : line.substring("split_feature=".length()).trim().split(" ")) {
                if (!column.isEmpty()) {
                    used.set(Integer.parseInt(column));
                }
            }
        });
        return used;
    }

    private static int lineStartingWith(String text, String prefix) {
        if (text.startsWith(prefix)) {
            return 0;
        }
        int at = text.indexOf("\n" + prefix);
        return at < 0 ? -1 : at + 1;
    }

    private static boolean startsWith(byte[] bytes, long offset, String prefix) {
        byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
        if (offset < 0 || offset + p.length > bytes.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if (bytes[(int) offset + i] != p[i]) {
                return false;
            }
        }
        return true;
    }
}
