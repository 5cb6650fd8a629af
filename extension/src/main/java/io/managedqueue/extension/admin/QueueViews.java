package io.managedqueue.extension.admin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.managedqueue.api.JobAddress;
import io.managedqueue.api.JobState;
import io.managedqueue.api.admin.QueueView;
import io.managedqueue.api.admin.WorkerView;
import io.managedqueue.extension.redis.QueueName;
import io.managedqueue.extension.redis.QueueStats;

/** Assembles {@link QueueView}s from the stores' reads: counters per address, workers' heartbeats. */
final class QueueViews {

    private QueueViews() {
    }

    /** @return the known addresses grouped by logical queue, queues and job names sorted */
    static Map<QueueName, List<String>> byQueue(List<JobAddress> addresses) {
        Map<QueueName, Set<String>> grouped = new java.util.TreeMap<>(
                java.util.Comparator.comparing(QueueName::pluginName).thenComparing(QueueName::queueName));
        for (JobAddress address : addresses) {
            grouped.computeIfAbsent(QueueName.of(address), q -> new TreeSet<>()).add(address.jobName());
        }
        Map<QueueName, List<String>> queues = new LinkedHashMap<>();
        grouped.forEach((queue, jobs) -> queues.put(queue, List.copyOf(jobs)));
        return queues;
    }

    static QueueView view(QueueName queue, QueueStats stats, List<WorkerView> workers) {
        EnumMap<JobState, Long> counts = new EnumMap<>(JobState.class);
        Set<String> unhandled = new TreeSet<>();
        stats.counts().forEach((job, perState) -> {
            perState.forEach((state, n) -> counts.merge(state, n, Long::sum));
            JobAddress address = queue.address(job);
            if (perState.getOrDefault(JobState.WAITING, 0L) > 0 && workers.stream().noneMatch(w -> handles(w, address))) {
                unhandled.add(job);
            }
        });
        Optional<Duration> oldest = stats.oldestWaitingRunAt().values().stream().min(Long::compare)
                .map(runAt -> Duration.ofMillis(Math.max(0, stats.redisNow() - runAt)));
        int live = (int) workers.stream().filter(w -> w.addresses().stream().anyMatch(a -> queue.contains(a.address()))).count();
        return new QueueView(queue.pluginName(), queue.queueName(), stats.counts().keySet(), counts, stats.paused(), oldest, live,
                unhandled, new QueueView.Throughput(stats.completedLastMinute(), stats.failedLastMinute(),
                        stats.completedLastHour(), stats.failedLastHour()));
    }

    static List<QueueView> views(Map<QueueName, QueueStats> stats, List<WorkerView> workers) {
        List<QueueView> views = new ArrayList<>(stats.size());
        stats.forEach((queue, s) -> views.add(view(queue, s, workers)));
        return views;
    }

    private static boolean handles(WorkerView worker, JobAddress address) {
        return worker.addresses().stream().anyMatch(a -> a.address().equals(address));
    }
}
