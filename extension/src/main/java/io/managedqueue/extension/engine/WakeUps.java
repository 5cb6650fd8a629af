package io.managedqueue.extension.engine;

/**
 * Where the engine hears that an address has work: a job became ready now, or a delayed job is
 * due at a given time. Redis pub/sub in production ({@code redis.WakeUpTopic}). The workers also
 * poll, so a wake-up lost in transit only delays a job by the poll interval.
 */
public interface WakeUps {

    /**
     * @param listener told of every wake-up, on the transport's thread: it hands off and never blocks
     * @return the subscription, cancelled at shutdown
     * @throws RuntimeException when the transport cannot subscribe (Redis down): the engine does not start
     */
    Subscription subscribe(Listener listener);

    @FunctionalInterface
    interface Listener {

        /**
         * @param address     the address in its wire form ({@code RedisKeys.wire})
         * @param dueAtMillis when the job is due on Redis's clock, or 0 for a job ready now
         */
        void wake(String address, long dueAtMillis);
    }

    @FunctionalInterface
    interface Subscription {

        /** Stops listening; never throws (a subscription that cannot be cancelled ends with the connection). */
        void cancel();
    }
}
