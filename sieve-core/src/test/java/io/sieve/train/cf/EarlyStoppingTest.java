package io.sieve.train.cf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EarlyStoppingTest {
    /** Seed 3's held-out recalls on ml-100k (943 users, standard error about 0.015 at 0.31). */
    private static final double[] PLATEAU = {0.2694, 0.2853, 0.2906, 0.2980, 0.3097, 0.2948, 0.3065, 0.3065, 0.3097,
            0.3043, 0.3001, 0.2927, 0.2959, 0.2937, 0.2990, 0.2990, 0.3054, 0.3065};

    @Test
    void onAPlateauTheLatestEpochWithinAStandardErrorOfTheBestIsKept() {
        EarlyStopping stopping = new EarlyStopping(8, 943);
        int epoch = 0;
        while (!stopping.stopped()) {
            stopping.record(epoch + 1, PLATEAU[epoch]);
            epoch++;
        }
        assertEquals(18, epoch, "eight epochs after the best (the ninth) without reaching it");
        assertEquals(0.3097, stopping.best(), 1e-9);
        assertEquals(18, stopping.keptEpoch(), "0.3065 is within 0.015 of 0.3097");
    }

    @Test
    void anEpochWhoseRecallHasTrulyFallenIsNotKept() {
        EarlyStopping stopping = new EarlyStopping(2, 943);
        assertTrue(stopping.record(1, 0.20));
        assertTrue(stopping.record(2, 0.30));
        assertTrue(stopping.record(3, 0.29), "within 0.015");
        assertFalse(stopping.record(4, 0.25), "0.05 below the best");
        assertFalse(stopping.stopped());
        assertFalse(stopping.record(5, 0.24));
        assertTrue(stopping.stopped(), "three epochs without the best, patience two");
        assertEquals(3, stopping.keptEpoch());
    }

    @Test
    void withoutHeldOutUsersEveryTieCountsAndTheLastEpochIsKept() {
        EarlyStopping stopping = new EarlyStopping(1, 0);
        for (int epoch = 1; epoch <= 5; epoch++) {
            assertTrue(stopping.record(epoch, 0));
        }
        assertFalse(stopping.stopped());
        assertEquals(5, stopping.keptEpoch());
    }
}
