package io.sieve.model;

import java.util.List;

/**
 * Where a user stands on the cold-start chain, from what is known about them at request time:
 * nothing ({@code global}), only profile attributes that define a segment ({@code segment}),
 * categories picked at onboarding ({@code onboarding}), a few clicks ({@code session}), or
 * enough history for the collaborative models ({@code personalised}). Each stage can carry its
 * own source weights for the blend (ranking.coldStart), and debug output names it.
 */
public enum ColdStartStage {
    global, segment, onboarding, session, personalised;

    /** The user attribute that holds the categories picked at onboarding. */
    public static final String PREFERRED_CATEGORIES = "preferredCategories";

    /**
     * @param user          the profile, or null when there is none
     * @param history       the user's events up to the request
     * @param personalAfter positive events from which a user is fully personalised
     */
    public static ColdStartStage of(User user, List<Event> history, EventTypes types, List<String> segmentAttributes,
                                    int personalAfter) {
        long positives = 0;
        for (Event e : history) {
            if (types.weightOf(e) > 0 && ++positives >= personalAfter) {
                return personalised;
            }
        }
        if (positives > 0) {
            return session;
        }
        if (user == null) {
            return global;
        }
        if (user.attributes().get(PREFERRED_CATEGORIES) instanceof List<?> picked && !picked.isEmpty()) {
            return onboarding;
        }
        return segmentAttributes.stream().anyMatch(user.attributes()::containsKey) ? segment : global;
    }
}
