package io.sieve.bundle.cf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sieve.ann.VectorMath;
import java.util.List;
import org.junit.jupiter.api.Test;

class TwoTowerMembersTest {
    private static final int ITEMS = 20;
    private static final int DIM = 6;
    private static final List<String> PROFILE = List.of("age=25-34");

    /** A model of one member with random tables and two layers, as training would leave it. */
    private static TwoTowerModel member(long seed, float[] historyWeights) {
        return new TwoTowerModel(unit(Factors.random(ITEMS, DIM, 1, seed)), Factors.random(ITEMS, DIM, 1, seed + 1), historyWeights, 10,
                layers(seed + 2), layers(seed + 3), new Vocabulary(List.of("category:a", "tag:b"), Factors.random(2, DIM, 1, seed + 4)),
                new Vocabulary(PROFILE, Factors.random(1, DIM, 1, seed + 5)), Factors.random(3, DIM, 1, seed + 6), "");
    }

    private static Factors unit(Factors f) {
        VectorMath.normaliseRows(f.data(), f.dim());
        return f;
    }

    private static List<DenseLayer> layers(long seed) {
        return List.of(new DenseLayer(DIM, DIM, Factors.random(DIM, DIM, 1, seed).data(), Factors.random(1, DIM, 1, seed + 7).data(), true),
                new DenseLayer(DIM, DIM, Factors.random(DIM, DIM, 1, seed + 8).data(), new float[DIM], false));
    }

    @Test
    void theJoinedModelScoresTheMeanOfItsMembersCosines() {
        List<TwoTowerModel> members = List.of(member(1, new float[ITEMS]), member(20, new float[ITEMS]), member(40, new float[ITEMS]));
        TwoTowerModel joined = TwoTowerMembers.join(members);
        assertEquals(3, joined.members());
        assertEquals(3 * DIM, joined.items().dim());
        int[] history = {4, 7, 1};
        float[] content = {0, 2, 1};
        float[] user = joined.userVector(history, PROFILE);
        float[] newItem = joined.newItemVector(List.of("tag:b"), content);
        assertEquals(1, VectorMath.dot(user, user), 1e-5);
        for (int i = 0; i < ITEMS; i++) {
            double mean = 0;
            double meanWithNewItem = 0;
            for (TwoTowerModel m : members) {
                float[] u = m.userVector(history, PROFILE);
                mean += VectorMath.dot(u, m.items().row(i)) / members.size();
                meanWithNewItem += VectorMath.dot(m.newItemVector(List.of("tag:b"), content), m.items().row(i)) / members.size();
            }
            assertEquals(mean, VectorMath.dot(user, joined.items().row(i)), 1e-5, "item " + i);
            assertEquals(meanWithNewItem, VectorMath.dot(newItem, joined.items().row(i)), 1e-5, "new item against item " + i);
        }
    }

    @Test
    void oneMemberIsTheModelItself() {
        TwoTowerModel only = member(1, new float[ITEMS]);
        assertEquals(only, TwoTowerMembers.join(List.of(only)));
    }

    @Test
    void membersThatWeighTheirHistoriesAreRefused() {
        float[] attention = new float[ITEMS];
        attention[3] = 0.5f;
        assertThrows(IllegalArgumentException.class, () -> TwoTowerMembers.join(List.of(member(1, attention), member(2, new float[ITEMS]))));
    }
}
