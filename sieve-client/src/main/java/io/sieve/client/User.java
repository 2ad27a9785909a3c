package io.sieve.client;

import java.util.Map;

/**
 * A user profile, as sent to and read from {@code /v1/users}. Attributes such as age band or country
 * place a user with no events in a segment (README, "Cold start").
 */
public record User(String id, Map<String, Object> attributes) {

    public static User of(String id, Map<String, Object> attributes) {
        return new User(id, attributes);
    }
}
