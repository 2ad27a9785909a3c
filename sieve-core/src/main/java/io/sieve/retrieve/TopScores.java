package io.sieve.retrieve;

import java.util.PriorityQueue;
import java.util.function.IntPredicate;

/** The best k eligible positions of a dense score array; eligibility is only asked of contenders. */
final class TopScores {
    private TopScores() {
    }

    /** Positions with a positive score, best first (ties by position), at most k, all eligible. */
    static int[] select(float[] scores, int k, IntPredicate eligible) {
        PriorityQueue<Integer> top = new PriorityQueue<>(k + 1, (a, b) -> scores[a] != scores[b]
                ? Float.compare(scores[a], scores[b]) : Integer.compare(b, a));
        for (int i = 0; i < scores.length && !Thread.currentThread().isInterrupted(); i++) {
            if (scores[i] <= 0 || top.size() == k && !beats(scores, i, top.peek())) {
                continue;
            }
            if (eligible.test(i)) {
                top.add(i);
                if (top.size() > k) {
                    top.poll();
                }
            }
        }
        int[] out = new int[top.size()];
        for (int i = out.length - 1; i >= 0; i--) {
            out[i] = top.poll();
        }
        return out;
    }

    private static boolean beats(float[] scores, int i, int weakest) {
        return scores[i] > scores[weakest] || scores[i] == scores[weakest] && i < weakest;
    }
}
