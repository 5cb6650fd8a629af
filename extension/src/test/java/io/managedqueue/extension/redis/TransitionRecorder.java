package io.managedqueue.extension.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.managedqueue.api.JobState;

/**
 * The suite-wide record of the state changes the contract tests observed, by pair and by script.
 * A pair outside {@link JobState}'s table fails the test that observed it, at once; {@link
 * #allowedPairsNeverObserved} names the table's pairs that no test made happen. Creation and deletion
 * are recorded with the pseudo-states {@link #NONE} and {@link #DELETED}, outside the table.
 */
final class TransitionRecorder {

    static final String NONE = "(none)";
    static final String DELETED = "(deleted)";

    /** One observed change; {@code from}/{@code to} are a state's name or a pseudo-state. */
    record Pair(String from, String to) implements Comparable<Pair> {
        static Pair of(JobState from, JobState to) {
            return new Pair(from.name(), to.name());
        }

        @Override
        public int compareTo(Pair other) {
            return toString().compareTo(other.toString());
        }

        @Override
        public String toString() {
            return from + " -> " + to;
        }
    }

    private static final TransitionRecorder SUITE = new TransitionRecorder();

    private final Map<Pair, Set<String>> observed = new ConcurrentHashMap<>();
    private final Set<Class<?>> familiesRun = ConcurrentHashMap.newKeySet();

    static TransitionRecorder suite() {
        return SUITE;
    }

    void transition(String script, JobState from, JobState to) {
        assertThat(from.canTransitionTo(to))
                .as("%s moved a job %s -> %s, a change JobState's table does not allow", script, from, to)
                .isTrue();
        record(script, Pair.of(from, to));
    }

    void created(String script, JobState state) {
        record(script, new Pair(NONE, state.name()));
    }

    void deleted(String script, JobState lastState) {
        record(script, new Pair(lastState.name(), DELETED));
    }

    private void record(String script, Pair pair) {
        observed.computeIfAbsent(pair, p -> ConcurrentHashMap.newKeySet()).add(script);
    }

    void familyRan(Class<?> family) {
        familiesRun.add(family);
    }

    Set<Class<?>> familiesRun() {
        return Set.copyOf(familiesRun);
    }

    /** @return every pair {@link JobState#canTransitionTo} allows that no test observed */
    Set<Pair> allowedPairsNeverObserved() {
        Set<Pair> missing = new TreeSet<>(allowedPairs());
        missing.removeAll(observed.keySet());
        return missing;
    }

    static Set<Pair> allowedPairs() {
        Set<Pair> pairs = new TreeSet<>();
        for (JobState from : JobState.values()) {
            for (JobState to : EnumSet.allOf(JobState.class)) {
                if (from.canTransitionTo(to)) {
                    pairs.add(Pair.of(from, to));
                }
            }
        }
        return pairs;
    }

    /** @return one line per observed pair with the scripts that made it, sorted */
    String summary() {
        return new TreeMap<>(observed).entrySet().stream()
                .map(e -> String.format("  %-34s %s", e.getKey(), new TreeSet<>(e.getValue())))
                .collect(Collectors.joining("\n"));
    }
}
