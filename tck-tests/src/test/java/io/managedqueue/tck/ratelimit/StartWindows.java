package io.managedqueue.tck.ratelimit;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Reads job starts the way a rate limit counts them. Starts are taken from the platform
 * ({@code JobSnapshot.startedAt}: the claim, on Redis's clock, which is what the limit counts),
 * not from handler entry: the first calls of a fresh deployment can enter their handler hundreds
 * of milliseconds after their claim. Deployed with the tests that use it (Liberty runs them in the WAR).
 */
public final class StartWindows {

    /** Absorbs millisecond rounding and a clock step: windows are checked this much shorter. */
    public static final long SKEW_MILLIS = 50;

    private StartWindows() {
    }

    /**
     * @param starts        job starts
     * @param windowMillis  the window
     * @return the most starts that fall into one window, over every position of the window
     */
    public static int maxStartsInAnyWindow(Collection<Instant> starts, long windowMillis) {
        List<Long> sorted = starts.stream().map(Instant::toEpochMilli).sorted().toList();
        int max = 0;
        for (int i = 0, j = 0; i < sorted.size(); i++) {
            while (sorted.get(i) - sorted.get(j) >= windowMillis) {
                j++;
            }
            max = Math.max(max, i - j + 1);
        }
        return max;
    }

    /**
     * @param starts job starts, at least one
     * @return milliseconds from the first to the last
     */
    public static long spanMillis(Collection<Instant> starts) {
        return starts.stream().max(Instant::compareTo).orElseThrow().toEpochMilli()
                - starts.stream().min(Instant::compareTo).orElseThrow().toEpochMilli();
    }
}
