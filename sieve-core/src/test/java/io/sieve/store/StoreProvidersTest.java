package io.sieve.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StoreProvidersTest {
    private static String refused(String url) {
        return assertThrows(InvalidStoreUrlException.class, () -> StoreProviders.provider(StoreUrl.parse(url))).getMessage();
    }

    @Test
    void aUrlIsASchemeAndALocation() {
        assertEquals(new StoreUrl("rocksdb", "/var/lib/sieve/store"), StoreUrl.parse("rocksdb:/var/lib/sieve/store"));
        assertEquals(new StoreUrl("postgresql", "//db:5432/sieve?ssl=true"), StoreUrl.parse("postgresql://db:5432/sieve?ssl=true"));
        assertEquals("rocksdb:C:\\data", StoreUrl.parse("rocksdb:C:\\data").toString());
        assertEquals(new StoreUrl("memory", ""), StoreUrl.parse("memory:"));
    }

    @Test
    void whatIsNoStoreUrlIsRefusedSayingWhy() {
        assertEquals("'store' is not a store URL: expected <scheme>:<location>, such as rocksdb:store or memory:", refused("store"));
        assertEquals("':x' is not a store URL: expected <scheme>:<location>, such as rocksdb:store or memory:", refused(":x"));
        assertEquals("'RocksDB' is not a store scheme (lower-case letters, digits, '+', '.', '-')", refused("RocksDB:store"));
        assertEquals("no store is called 'postgres:' (in postgres://db/sieve); known: memory:, postgresql:, rocksdb:", refused("postgres://db/sieve"));
        assertEquals("memory: takes nothing after the colon (found 'big')", refused("memory:big"));
        assertEquals("rocksdb: needs the store's directory, such as rocksdb:store (in the data directory) or rocksdb:/var/lib/sieve/store",
                refused("rocksdb:"));
        assertEquals("rocksdb: 'a\0b' is not a directory path: Nul character not allowed", refused("rocksdb:a\0b"));
    }

    @Test
    void aSchemeIsFoundAndItsLocationCheckedBeforeAnythingIsOpened() {
        assertEquals("rocksdb", StoreProviders.provider(StoreUrl.parse("rocksdb:store")).scheme());
        assertThrows(InvalidStoreUrlException.class, () -> StoreProviders.open(StoreUrl.parse("rocksdb: "), Path.of("unused")));
    }
}
