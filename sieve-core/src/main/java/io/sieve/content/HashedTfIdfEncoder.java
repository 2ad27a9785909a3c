package io.sieve.content;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import io.sieve.ann.VectorMath;

/**
 * The cheap encoder: TF-IDF over words and word pairs, hashed into {@code dimension} signed
 * buckets (the hashing trick, so there is no vocabulary to store), then L2-normalised. IDF weights
 * are learned per bucket from the catalog at training time. It matches words, not meanings:
 * "funny" finds "funny", not "comedy", unless the catalog's text says both.
 */
public final class HashedTfIdfEncoder implements TextEncoder {
    static final String NAME = "hashed";
    static final TextEncoderProvider PROVIDER = new TextEncoderProvider() {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public TextEncoder fit(List<String> corpus, int dimension) {
            float[] documentFrequency = new float[dimension];
            for (String text : corpus) {
                java.util.Set<Integer> seen = new java.util.HashSet<>();
                for (String term : terms(text)) {
                    seen.add(bucket(term, dimension));
                }
                seen.forEach(b -> documentFrequency[b]++);
            }
            float[] idf = new float[dimension];
            for (int b = 0; b < dimension; b++) {
                idf[b] = (float) Math.log((1.0 + corpus.size()) / (1.0 + documentFrequency[b])) + 1f;
            }
            return new HashedTfIdfEncoder(idf);
        }

        @Override
        public TextEncoder load(float[] state, int dimension) {
            return new HashedTfIdfEncoder(state);
        }
    };

    private final float[] idf;

    HashedTfIdfEncoder(float[] idf) {
        this.idf = idf;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int dimension() {
        return idf.length;
    }

    @Override
    public float[][] encode(List<String> texts) {
        float[][] out = new float[texts.size()][];
        for (int i = 0; i < out.length; i++) {
            float[] v = new float[idf.length];
            for (String term : terms(texts.get(i))) {
                int hash = murmur(term);
                int b = Math.floorMod(hash, idf.length);
                // The sign bit spreads collisions so that they cancel instead of piling up.
                v[b] += ((hash >>> 31) == 0 ? 1 : -1) * idf[b];
            }
            out[i] = VectorMath.normalise(v);
        }
        return out;
    }

    @Override
    public float[] state() {
        return idf.clone();
    }

    /** Lower-cased words of two letters or more, and each pair of neighbouring words. */
    static List<String> terms(String text) {
        List<String> words = new ArrayList<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (w.length() > 1) {
                words.add(w);
            }
        }
        List<String> terms = new ArrayList<>(words);
        for (int i = 1; i < words.size(); i++) {
            terms.add(words.get(i - 1) + " " + words.get(i));
        }
        return terms;
    }

    private static int bucket(String term, int dimension) {
        return Math.floorMod(murmur(term), dimension);
    }

    /** MurmurHash3's 32-bit finaliser over the UTF-8 bytes: stable across JVMs, unlike String.hashCode seeds. */
    private static int murmur(String term) {
        int h = 0x9747b28c;
        for (byte b : term.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x5bd1e995;
            h ^= h >>> 15;
        }
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
