package io.sieve.store;

import java.util.regex.Pattern;

/**
 * Where a store lives: {@code <scheme>:<location>}, as in {@code rocksdb:store}, {@code memory:} or
 * {@code postgresql://db.example/sieve}. The scheme picks the {@link StoreProvider}; what the
 * location means is the provider's business. Not a {@link java.net.URI}: a file path may hold
 * characters a URI would have to escape.
 */
public record StoreUrl(String scheme, String location) {
    /** The scheme syntax of RFC 3986, lower case. */
    private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]*");

    public StoreUrl {
        if (!SCHEME.matcher(scheme).matches()) {
            throw new InvalidStoreUrlException("'" + scheme + "' is not a store scheme (lower-case letters, digits, '+', '.', '-')");
        }
    }

    /** @throws InvalidStoreUrlException when the text has no {@code scheme:} */
    public static StoreUrl parse(String url) {
        int colon = url == null ? -1 : url.indexOf(':');
        if (colon <= 0) {
            throw new InvalidStoreUrlException("'" + url + "' is not a store URL: expected <scheme>:<location>, "
                    + "such as rocksdb:store or memory:");
        }
        return new StoreUrl(url.substring(0, colon), url.substring(colon + 1));
    }

    @Override
    public String toString() {
        return scheme + ":" + location;
    }
}
