package io.sieve.bundle;

import java.time.Instant;
import java.util.Map;

/**
 * What a bundle is: its version, the data it was trained on (watermark) and with what parameters,
 * and any evaluation figures recorded with it.
 *
 * @param watermark latest event time included in training
 */
public record BundleManifest(
        int formatVersion,
        String version,
        Instant createdAt,
        Instant watermark,
        long events,
        long users,
        long items,
        Map<String, Object> parameters,
        Map<String, Double> evaluation) {

    public static final int FORMAT_VERSION = 1;
}
