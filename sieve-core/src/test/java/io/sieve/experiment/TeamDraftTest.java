package io.sieve.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class TeamDraftTest {
    @Test
    void teamsTakeTurnsWithoutDuplicatesAndEachLeadsHalfTheTime() {
        List<String> a = List.of("x", "y", "z", "w", "v");
        List<String> b = List.of("y", "x", "q", "r", "s");
        int firstLedByA = 0;
        for (long seed = 0; seed < 1_000; seed++) {
            List<TeamDraft.Pick> picks = TeamDraft.interleave(a, b, 6, RandomSource.XO_RO_SHI_RO_128_PP.create(seed));
            assertEquals(6, picks.size());
            assertEquals(6, new HashSet<>(picks.stream().map(TeamDraft.Pick::item).toList()).size(), "no item twice");
            assertEquals(3, picks.stream().filter(p -> p.team() == 0).count(), "three picks each");
            // Whoever leads takes its best: x for a, y for b; the other then takes its best still free.
            firstLedByA += picks.get(0).team() == 0 ? 1 : 0;
            assertEquals(picks.get(0).team() == 0 ? "x" : "y", picks.get(0).item());
        }
        assertTrue(firstLedByA > 450 && firstLedByA < 550, "a led " + firstLedByA + " of 1000");
        // One side runs dry: the other fills the list.
        assertEquals(List.of("a", "b", "c"), TeamDraft.interleave(List.of(), List.of("a", "b", "c"), 5,
                RandomSource.XO_RO_SHI_RO_128_PP.create(1L)).stream().map(TeamDraft.Pick::item).toList());
    }
}
