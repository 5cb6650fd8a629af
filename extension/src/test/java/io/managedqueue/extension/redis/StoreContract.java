package io.managedqueue.extension.redis;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The base of each family of contract tests: a fresh {@link StoreFixture} per test. The families
 * run as nested classes of {@link JobStoreContractTest}, which checks the table's coverage after them.
 */
abstract class StoreContract {

    protected StoreFixture store;

    @BeforeEach
    void openStore() {
        store = new StoreFixture();
        TransitionRecorder.suite().familyRan(getClass());
    }

    @AfterEach
    void deleteStoreKeys() {
        store.close();
    }
}
