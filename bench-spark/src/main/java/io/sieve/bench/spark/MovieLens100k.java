package io.sieve.bench.spark;

import io.sieve.train.cf.InteractionMatrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads MovieLens-100K's u.data (user, item, rating, timestamp; tab-separated) as implicit
 * feedback: every rating is one interaction of strength 1, whatever its value. The file holds one
 * rating per user and item, so the pairs are already distinct.
 */
final class MovieLens100k {
    private MovieLens100k() {
    }

    static InteractionMatrix read(Path uData) throws IOException {
        List<String> lines = Files.readAllLines(uData);
        Map<String, Integer> users = new LinkedHashMap<>();
        Map<String, Integer> items = new HashMap<>();
        int[] user = new int[lines.size()];
        int[] item = new int[lines.size()];
        for (int n = 0; n < lines.size(); n++) {
            String[] fields = lines.get(n).split("\t");
            user[n] = users.computeIfAbsent(fields[0], id -> users.size());
            item[n] = items.computeIfAbsent(fields[1], id -> items.size());
        }
        int[] rowStart = new int[users.size() + 1];
        for (int u : user) {
            rowStart[u + 1]++;
        }
        for (int u = 0; u < users.size(); u++) {
            rowStart[u + 1] += rowStart[u];
        }
        int[] fill = rowStart.clone();
        int[] cols = new int[item.length];
        for (int n = 0; n < item.length; n++) {
            cols[fill[user[n]]++] = item[n];
        }
        float[] values = new float[cols.length];
        Arrays.fill(values, 1f);
        return new InteractionMatrix(new ArrayList<>(users.keySet()), items.size(), rowStart, cols, values);
    }
}
