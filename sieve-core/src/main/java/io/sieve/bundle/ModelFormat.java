package io.sieve.bundle;

import java.io.IOException;
import java.nio.file.Path;

/**
 * How one trained model is stored in a bundle directory. A format names itself and its version;
 * both go into {@code manifest.json} under {@code parts}, and a bundle is always read by the format
 * that wrote it (an unknown format or a newer version is refused with a clear error). Found by name
 * through {@link java.util.ServiceLoader} ({@code META-INF/services/io.sieve.bundle.ModelFormat}).
 *
 * @param <M> what the bundle holds for the model (see {@link CollaborativeModels})
 */
public interface ModelFormat<M> {
    String name();

    int version();

    Class<M> type();

    void write(M model, Path dir) throws IOException;

    M read(Path dir) throws IOException;
}
