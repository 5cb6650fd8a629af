package io.managedqueue.admin.json;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.managedqueue.api.JobState;
import io.managedqueue.api.admin.QueueView;

/**
 * A logical queue as the REST API shows it.
 *
 * @param plugin               the plugin
 * @param queue                the queue
 * @param jobNames             its job names, sorted
 * @param counts               jobs per state, every state present
 * @param paused               whether it is paused
 * @param oldestWaitingSeconds age of the longest-waiting job, or {@code null} when none waits
 * @param liveWorkers          live processes handling it
 * @param unhandledJobNames    job names with waiting jobs that no live process handles, sorted
 * @param noWorker             jobs wait that no live worker will take
 * @param throughput           completions and final failures over the last minute and hour
 */
public record QueueJson(String plugin, String queue, List<String> jobNames, Map<String, Long> counts, boolean paused,
                        Double oldestWaitingSeconds, int liveWorkers, List<String> unhandledJobNames, boolean noWorker,
                        QueueView.Throughput throughput) {

    /**
     * @param view the platform's view
     * @return its JSON form
     */
    public static QueueJson of(QueueView view) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (JobState state : JobState.values()) {
            counts.put(state.name(), view.count(state));
        }
        return new QueueJson(view.pluginName(), view.queueName(), view.jobNames().stream().sorted().toList(), counts,
                view.paused(), view.oldestWaitingAge().map(age -> age.toMillis() / 1000.0).orElse(null), view.liveWorkers(),
                view.unhandledJobNames().stream().sorted().toList(), view.noWorker(), view.throughput());
    }
}
