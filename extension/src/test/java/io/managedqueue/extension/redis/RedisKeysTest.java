package io.managedqueue.extension.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.managedqueue.api.JobAddress;

/** The names kept per address are those the single-key methods build. */
class RedisKeysTest {

    @Test
    void theNamesOfAnAddressAreItsKeys() {
        RedisKeys keys = new RedisKeys("mq");
        JobAddress address = new JobAddress("@p/plugin", "q", "job");

        RedisKeys.AddressNames names = keys.names(address);

        assertThat(names).isSameAs(keys.names(new JobAddress("@p/plugin", "q", "job")));
        assertThat(names.base()).isEqualTo(keys.queueBase(address));
        assertThat(names.jobPrefix() + "t1|id").isEqualTo(keys.job(new JobRef("@p/plugin", "q", "t1", "id")));
        assertThat(names.wire()).isEqualTo(RedisKeys.wire(address));
        assertThat(names.waitList()).isEqualTo(keys.waitList(address));
        assertThat(names.delayed()).isEqualTo(keys.delayed(address));
        assertThat(names.priorityAndCounts()).isEqualTo(keys.priorityAndCounts(address));
        assertThat(names.claimKeys()).containsExactly(keys.waitList(address), keys.delayed(address), keys.active(address),
                keys.failed(address), keys.completed(address), keys.priorityAndCounts(address).get(0),
                keys.priorityAndCounts(address).get(1), keys.priorityAndCounts(address).get(2), keys.queueLimiter(address),
                keys.parkedKeys(address), keys.paused(QueueName.of(address)));
    }
}
