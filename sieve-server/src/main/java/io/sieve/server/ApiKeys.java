package io.sieve.server;

import io.sieve.config.ConfigException;
import io.sieve.config.SieveConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The configured API keys, held as SHA-256 hashes only. A presented key is hashed and compared
 * with every configured hash by {@link MessageDigest#isEqual}, which takes the same time wherever
 * the bytes differ, and without stopping at a match: the time taken says nothing about the keys.
 */
public final class ApiKeys {
    /** A key's name (safe to log and show) and scopes; never its secret. */
    record ApiKey(String name, Set<Scope> scopes, byte[] hash) {
    }

    private final List<ApiKey> keys;

    private ApiKeys(List<ApiKey> keys) {
        this.keys = List.copyOf(keys);
    }

    /**
     * Resolves {@code keyEnv} secrets from {@code env}.
     *
     * @throws ConfigException naming each key whose variable is unset or holds a secret too short
     */
    public static ApiKeys from(SieveConfig.SecurityConfig security, Map<String, String> env) {
        List<ApiKey> keys = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        security.keys().forEach((name, k) -> {
            String secret = k.key() != null ? k.key() : env.get(k.keyEnv());
            if (secret == null || secret.isEmpty()) {
                problems.add("security.keys." + name + ".keyEnv: the environment variable " + k.keyEnv() + " is not set");
            } else if (secret.length() < SieveConfig.SecurityConfig.MIN_KEY_LENGTH) {
                problems.add("security.keys." + name + ".keyEnv: the secret in " + k.keyEnv() + " must be at least "
                        + SieveConfig.SecurityConfig.MIN_KEY_LENGTH + " characters, was " + secret.length());
            } else {
                Set<Scope> scopes = EnumSet.noneOf(Scope.class);
                k.scopes().forEach(s -> scopes.add(Scope.named(s.name())));
                keys.add(new ApiKey(name, scopes, sha256(secret)));
            }
        });
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new ApiKeys(keys);
    }

    boolean isEmpty() {
        return keys.isEmpty();
    }

    List<String> names() {
        return keys.stream().map(ApiKey::name).toList();
    }

    /** The configured key equal to {@code presented}, compared in constant time. */
    Optional<ApiKey> match(String presented) {
        byte[] hash = sha256(presented);
        ApiKey found = null;
        for (ApiKey key : keys) {
            if (MessageDigest.isEqual(key.hash(), hash)) {
                found = key;
            }
        }
        return Optional.ofNullable(found);
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
