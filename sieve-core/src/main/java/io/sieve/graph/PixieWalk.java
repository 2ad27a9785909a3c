package io.sieve.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Pixie's random walks with restarts (Eksombatchai et al., WWW 2018) from a user's latest items:
 * item, a random user who chose it, a random item that user chose, and so on, back to the anchor
 * with probability {@code restart} after each step. Items visited often are items chosen by the
 * same people as the anchors.
 *
 * <ul>
 *   <li>Steps are shared out among the anchors by weight and degree, as Pixie does: an anchor
 *       with more edges needs more steps to be explored, but sub-linearly, so a blockbuster does
 *       not take them all.</li>
 *   <li>Visits are boosted across anchors: an item's score is (sum over anchors of
 *       sqrt(visits from that anchor))^2, so an item reached from several anchors beats one
 *       reached as often from a single anchor.</li>
 *   <li>An anchor's walk stops early once {@code enoughItems} items have {@code minVisits}
 *       visits: the top of the list has settled, and more steps would only confirm it.</li>
 * </ul>
 */
public final class PixieWalk {
    private static final int INTERRUPT_CHECK_MASK = (1 << 10) - 1;
    /** Walks in a row that could not take a step (the anchor's edges aged out meanwhile) before giving up. */
    private static final int MAX_STALLS = 8;

    /**
     * @param steps       item-to-item steps per request, over all anchors
     * @param restart     probability of going back to the anchor after each step (mean walk length 1/restart)
     * @param minVisits   visits that make an item count as found, for early stopping
     * @param enoughItems found items after which an anchor's walk stops
     */
    public record Settings(int steps, double restart, int minVisits, int enoughItems) {
    }

    /** An item to walk from (its node in the graph) and how much the user's choice of it counts. */
    public record Anchor(int item, double weight) {
    }

    private PixieWalk() {
    }

    /**
     * Walks from the anchors and returns the visited items with their boosted scores. An anchor
     * without edges gets no steps. An interrupted thread gets what was visited so far.
     */
    public static BoostedVisits walk(InteractionGraph.View view, List<Anchor> anchors, Settings settings, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Integer> reachable = new ArrayList<>();
        List<Integer> degrees = new ArrayList<>();
        double maxLogDegree = 0;
        for (int q = 0; q < anchors.size(); q++) {
            int degree = view.itemDegree(anchors.get(q).item());
            if (degree > 0 && anchors.get(q).weight() > 0) {
                reachable.add(q);
                degrees.add(degree);
                maxLogDegree = Math.max(maxLogDegree, Math.log(degree));
            }
        }
        double[] shares = new double[reachable.size()];
        double total = 0;
        for (int q = 0; q < shares.length; q++) {
            int d = degrees.get(q);
            shares[q] = anchors.get(reachable.get(q)).weight() * d * (1 + maxLogDegree - Math.log(d));
            total += shares[q];
        }
        BoostedVisits visits = new BoostedVisits(Math.min(settings.steps(), 1 << 16));
        VisitCounter counter = new VisitCounter(Math.min(settings.steps(), 4096));
        for (int q = 0; q < shares.length; q++) {
            int steps = (int) Math.ceil(settings.steps() * shares[q] / total);
            int anchor = reachable.get(q);
            counter.clear();
            walkFrom(view, anchors.get(anchor).item(), steps, settings, random, counter);
            counter.forEach((item, count) -> visits.add(item, Math.sqrt(count), anchor));
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
        }
        return visits;
    }

    /** Walks {@code steps} steps from the anchor, counting visits into {@code visits}. */
    private static void walkFrom(InteractionGraph.View view, int anchor, int steps, Settings settings,
                                 SplittableRandom random, VisitCounter visits) {
        int taken = 0;
        int found = 0;
        int stalls = 0;
        // On a small graph every item may be found long before enoughItems.
        int enough = Math.min(settings.enoughItems(), view.items());
        while (taken < steps && found < enough && stalls < MAX_STALLS) {
            int current = anchor;
            int before = taken;
            do {
                int user = view.randomUser(current, random);
                int next = user < 0 ? -1 : view.randomItem(user, random);
                if (next < 0) {
                    break; // an edge aged out under the walk: start again from the anchor
                }
                current = next;
                taken++;
                if (visits.increment(current) == settings.minVisits()) {
                    found++;
                }
                if ((taken & INTERRUPT_CHECK_MASK) == 0 && Thread.currentThread().isInterrupted()) {
                    return;
                }
            } while (taken < steps && random.nextDouble() >= settings.restart());
            stalls = taken == before ? stalls + 1 : 0;
        }
    }
}
