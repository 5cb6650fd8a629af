package io.managedqueue.extension.redis;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.managedqueue.api.JobAddress;
import io.managedqueue.api.JobSnapshot;
import io.managedqueue.api.JobState;

/** Reads a job hash (see {@link JobFields}) into the public {@link JobSnapshot}. */
final class JobHashes {

    private JobHashes() {
    }

    /** @return the snapshot; empty for an absent (or half-deleted) hash */
    static Optional<JobSnapshot> snapshot(String publicId, Map<String, String> h) {
        if (h.isEmpty() || !h.containsKey("state")) {
            return Optional.empty();
        }
        return Optional.of(new JobSnapshot(publicId, new JobAddress(h.get("plugin"), h.get("queue"), h.get("name")),
                JobState.valueOf(h.get("state")), h.get("tenant"), h.get("org"), h.get("scopeKey"),
                Integer.parseInt(h.getOrDefault("attemptsMade", "0")), JobFields.decodeMaxAttempts(h.get("maxAttempts")),
                h.get("lastError"), instant(h.get("enqueuedAt")), instant(h.get("runAt")), instant(h.get("startedAt")),
                instant(h.get("finishedAt")), h.get("payload"), Integer.parseInt(h.getOrDefault("progress", "0")), List.of(),
                h.get("result")));
    }

    private static Instant instant(String millis) {
        return millis == null || millis.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(millis));
    }
}
