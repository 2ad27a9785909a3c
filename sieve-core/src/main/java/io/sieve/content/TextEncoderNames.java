package io.sieve.content;

import io.sieve.config.PluginNames;
import java.util.Map;
import java.util.Set;

/** The text encoders on the class path, for the configuration's {@code training.content.encoder}. */
public final class TextEncoderNames implements PluginNames {
    @Override
    public Map<String, Set<String>> names() {
        return Map.of("training.content.encoder", TextEncoders.available());
    }
}
