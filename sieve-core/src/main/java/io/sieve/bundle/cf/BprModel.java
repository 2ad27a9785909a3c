package io.sieve.bundle.cf;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained BPR model, stored for search: each item vector carries its bias as one more
 * dimension and each user vector a matching 1, so that a plain inner product gives the full BPR
 * score and one vector index serves it.
 *
 * @param items augmented item vectors (dim + 1)
 * @param users augmented user vectors of the users seen in training (dim + 1)
 */
public record BprModel(Factors items, Factors users, List<String> userIds, Map<String, Integer> userRows) {

    public static BprModel of(Factors items, float[] bias, Factors users, List<String> userIds) {
        int k = items.dim();
        Factors augmentedItems = Factors.zeros(items.rows(), k + 1);
        for (int i = 0; i < items.rows(); i++) {
            System.arraycopy(items.data(), items.offset(i), augmentedItems.data(), augmentedItems.offset(i), k);
            augmentedItems.data()[augmentedItems.offset(i) + k] = bias[i];
        }
        Factors augmentedUsers = Factors.zeros(users.rows(), k + 1);
        for (int u = 0; u < users.rows(); u++) {
            System.arraycopy(users.data(), users.offset(u), augmentedUsers.data(), augmentedUsers.offset(u), k);
            augmentedUsers.data()[augmentedUsers.offset(u) + k] = 1;
        }
        return of(augmentedItems, augmentedUsers, userIds);
    }

    public static BprModel of(Factors augmentedItems, Factors augmentedUsers, List<String> userIds) {
        Map<String, Integer> rows = new HashMap<>(userIds.size() * 2);
        for (int u = 0; u < userIds.size(); u++) {
            rows.put(userIds.get(u), u);
        }
        return new BprModel(augmentedItems, augmentedUsers, List.copyOf(userIds), rows);
    }

    /**
     * The trained vector of a known user; for anyone else, the mean of their recent items'
     * vectors (BPR has no closed-form fold-in), with the bias dimension set to 1. Null when there
     * is nothing to go on.
     */
    public float[] userVector(String userId, int[] recentItems) {
        Integer row = userRows.get(userId);
        if (row != null) {
            return users.row(row);
        }
        int dim = items.dim();
        float[] mean = new float[dim];
        int n = 0;
        for (int i : recentItems) {
            if (i >= 0) {
                DenseMath.axpy(1, items.data(), items.offset(i), mean, 0, dim);
                n++;
            }
        }
        if (n == 0) {
            return null;
        }
        for (int d = 0; d < dim; d++) {
            mean[d] /= n;
        }
        mean[dim - 1] = 1;
        return mean;
    }
}
