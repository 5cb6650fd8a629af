package io.managedqueue.benchmarks;

import io.managedqueue.api.ManagedQueueJob;

/**
 * What the running scenario wants the handler and the observers to do. The container's beans are
 * created by CDI, so they reach the scenario through these static hooks (one scenario at a time).
 */
final class Probe {

    /** What a scenario does on each handler call and each completion. */
    interface Listener {
        void handle(ManagedQueueJob<Payload> job) throws Exception;

        default void completed() {
        }

        default void retryScheduled() {
        }
    }

    static final Listener NONE = job -> { };

    static volatile Listener listener = NONE;
    /** {@code System.nanoTime()} when the engine of the last booted container was about to start its workers. */
    static volatile long engineStartNanos;
    /** Run by {@link StartMarker} right before the workers start (snapshots of the measured window). */
    static volatile Runnable onEngineStart = () -> { };

    private Probe() {
    }
}
