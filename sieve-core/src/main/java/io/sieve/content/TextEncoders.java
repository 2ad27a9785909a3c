package io.sieve.content;

import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeSet;

/** Finds encoders by name: {@code hashed} is built in, others come from modules on the class path. */
public final class TextEncoders {
    private TextEncoders() {
    }

    public static TextEncoder fit(String name, List<String> corpus, int dimension) {
        return provider(name).fit(corpus, dimension);
    }

    public static TextEncoder load(String name, float[] state, int dimension) {
        return provider(name).load(state, dimension);
    }

    /** Names of the encoders available on this class path. */
    public static TreeSet<String> available() {
        TreeSet<String> names = new TreeSet<>();
        names.add(HashedTfIdfEncoder.NAME);
        ServiceLoader.load(TextEncoderProvider.class).forEach(p -> names.add(p.name()));
        return names;
    }

    private static TextEncoderProvider provider(String name) {
        if (HashedTfIdfEncoder.NAME.equals(name)) {
            return HashedTfIdfEncoder.PROVIDER;
        }
        for (TextEncoderProvider p : ServiceLoader.load(TextEncoderProvider.class)) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no text encoder called '" + name + "' on the class path; available: " + available());
    }
}
