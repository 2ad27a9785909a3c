package io.sieve.store;

class RocksStoreContractTest extends StoreContractTest {
    @Override
    String url() {
        return "rocksdb:store";
    }
}
