package io.sieve.bundle;

/**
 * A bundle that must not be served: a file is missing, has the wrong size or checksum, or cannot
 * be read. The message names the bundle, the file and what is wrong with it.
 */
public final class BundleRefusedException extends RuntimeException {
    private final String version;

    public BundleRefusedException(String version, String reason, Throwable cause) {
        super("bundle " + version + " refused: " + reason, cause);
        this.version = version;
    }

    public String version() {
        return version;
    }
}
