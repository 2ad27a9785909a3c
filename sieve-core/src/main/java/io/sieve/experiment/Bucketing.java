package io.sieve.experiment;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A user's position in [0, 1) for one salt: the first 53 bits of SHA-256(salt, user). Deterministic
 * (the same user always lands in the same place, on every replica and after every restart), uniform,
 * and independent between salts, which is what makes experiments in different layers orthogonal.
 */
final class Bucketing {
    private Bucketing() {
    }

    static double unit(String salt, String user) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        sha.update(salt.getBytes(StandardCharsets.UTF_8));
        // A separator no salt can end with: ("ab", "c") and ("a", "bc") must not hash alike.
        sha.update((byte) 0);
        sha.update(user.getBytes(StandardCharsets.UTF_8));
        long bits = ByteBuffer.wrap(sha.digest()).getLong() >>> 11;
        return bits / (double) (1L << 53);
    }
}
