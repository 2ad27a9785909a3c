package io.sieve.store;

class MemoryStoreContractTest extends StoreContractTest {
    @Override
    String url() {
        return "memory:";
    }
}
