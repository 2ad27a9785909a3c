package io.sieve.content;

import io.sieve.config.PluginNames;
import java.util.Set;

/** The text encoders on the class path, for the configuration's {@code training.content.encoder}. */
public final class TextEncoderNames implements PluginNames {
    @Override
    public String key() {
        return "training.content.encoder";
    }

    @Override
    public Set<String> names() {
        return TextEncoders.available();
    }
}
