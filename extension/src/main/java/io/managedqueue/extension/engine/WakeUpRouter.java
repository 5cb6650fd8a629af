package io.managedqueue.extension.engine;

import java.util.Map;

/**
 * Turns wake-ups into looks at a queue, on the thread that heard them (a claim goes out from
 * there, without a hop): "ready now" pokes the address's worker, "due at t" sets its timer for t.
 * Redis stamps due times with its own clock, so the router keeps the offset between Redis's clock
 * and this process's, learned from claim replies.
 */
final class WakeUpRouter implements WakeUps.Listener {

    /** By address wire form, as wake-ups name them; filled before the first wake-up, then read only. */
    private final Map<String, AddressWorker> workers;
    private volatile long clockOffsetMillis;

    WakeUpRouter(Map<String, AddressWorker> workers) {
        this.workers = workers;
    }

    /** Called with every claim reply's Redis time. */
    void observeRedisClock(long redisNowMillis) {
        clockOffsetMillis = redisNowMillis - System.currentTimeMillis();
    }

    @Override
    public void wake(String address, long dueAtMillis) {
        AddressWorker worker = workers.get(address);
        if (worker == null) {
            return; // an address another process handles
        }
        if (dueAtMillis == 0) {
            worker.poke();
        } else {
            worker.wakeIn(dueAtMillis - (System.currentTimeMillis() + clockOffsetMillis));
        }
    }
}
