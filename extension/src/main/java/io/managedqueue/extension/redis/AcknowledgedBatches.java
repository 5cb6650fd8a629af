package io.managedqueue.extension.redis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.managedqueue.api.EnqueueResult;

/**
 * A bulk enqueue with replica acknowledgement: one batch per logical queue (its keys share one hash
 * slot, hence one node), because a batch reports one replica count and it must be that node's.
 * The batches go out together; the results come back in call order.
 */
final class AcknowledgedBatches {

    private AcknowledgedBatches() {
    }

    static CompletionStage<List<EnqueueResult>> enqueue(JobStore store, List<PreparedJob> jobs) {
        Map<String, List<Integer>> bySlot = new LinkedHashMap<>();
        for (int i = 0; i < jobs.size(); i++) {
            bySlot.computeIfAbsent(store.keys().waitList(jobs.get(i).address()), k -> new ArrayList<>()).add(i);
        }
        List<CompletableFuture<List<EnqueueResult>>> sent = new ArrayList<>(bySlot.size());
        for (List<Integer> indexes : bySlot.values()) {
            sent.add(store.enqueueAcknowledged(indexes.stream().map(jobs::get).toList()).toCompletableFuture());
        }
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            EnqueueResult[] results = new EnqueueResult[jobs.size()];
            int group = 0;
            for (List<Integer> indexes : bySlot.values()) {
                List<EnqueueResult> part = sent.get(group++).join();
                for (int j = 0; j < indexes.size(); j++) {
                    results[indexes.get(j)] = part.get(j);
                }
            }
            return List.of(results);
        });
    }
}
