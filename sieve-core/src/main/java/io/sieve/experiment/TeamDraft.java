package io.sieve.experiment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Team-draft interleaving (Radlinski, Kurup and Joachims, "How does clickthrough data reflect
 * retrieval quality?", 2008): like captains picking teams, the side with fewer picks so far (a coin
 * decides a tie) adds its best item not yet in the list. Each item is credited to the side that
 * picked it, so clicks say which side's items the user preferred, position bias cancelling out
 * because each side leads half the time.
 */
final class TeamDraft {
    /** One position of the merged list: the item and the side (0 or 1) that picked it. */
    record Pick(String item, int team) {
    }

    private TeamDraft() {
    }

    static List<Pick> interleave(List<String> first, List<String> second, int n, UniformRandomProvider coin) {
        List<List<String>> sides = List.of(first, second);
        int[] next = new int[2];
        int[] picks = new int[2];
        Set<String> taken = new HashSet<>();
        List<Pick> out = new ArrayList<>(n);
        while (out.size() < n) {
            int team = picks[0] < picks[1] ? 0 : picks[1] < picks[0] ? 1 : coin.nextBoolean() ? 0 : 1;
            String item = nextFree(sides.get(team), next, team, taken);
            if (item == null) {
                team = 1 - team;
                item = nextFree(sides.get(team), next, team, taken);
                if (item == null) {
                    break;
                }
            }
            taken.add(item);
            picks[team]++;
            out.add(new Pick(item, team));
        }
        return out;
    }

    private static String nextFree(List<String> side, int[] next, int team, Set<String> taken) {
        while (next[team] < side.size()) {
            String item = side.get(next[team]++);
            if (!taken.contains(item)) {
                return item;
            }
        }
        return null;
    }
}
