package io.managedqueue.extension.engine;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.managedqueue.api.JobAddress;
import io.managedqueue.api.JobScope;
import io.managedqueue.api.JobState;
import io.managedqueue.api.ManagedQueueJob;
import io.managedqueue.extension.redis.ClaimedJob;
import io.managedqueue.extension.redis.JobStore;

/**
 * One attempt of a claimed job, as the handler sees it.
 *
 * @param <T> the payload type
 */
public final class JobExecution<T> implements ManagedQueueJob<T> {

    private final ClaimedJob claimed;
    private final JobStore store;
    private final PayloadCodec codec;
    private volatile T data;

    JobExecution(ClaimedJob claimed, T data, JobStore store, PayloadCodec codec) {
        this.claimed = claimed;
        this.data = data;
        this.store = store;
        this.codec = codec;
    }

    /** @return the scope to restore around the handler */
    public JobScope scope() {
        return claimed.scope();
    }

    @Override
    public String id() {
        return claimed.ref().publicId();
    }

    @Override
    public JobAddress address() {
        return claimed.address();
    }

    @Override
    public T data() {
        return data;
    }

    @Override
    public String tenantId() {
        return claimed.scope().tenantId();
    }

    @Override
    public String organizationId() {
        return claimed.scope().organizationId();
    }

    @Override
    public Optional<String> scopeKey() {
        return Optional.ofNullable(claimed.scopeKey());
    }

    @Override
    public int attemptsMade() {
        return claimed.attemptsMade();
    }

    @Override
    public int maxAttempts() {
        return claimed.maxAttempts();
    }

    @Override
    public Instant enqueuedAt() {
        return claimed.enqueuedAt();
    }

    @Override
    public void updateData(T newData) {
        String json = codec.toJson(newData);
        if (!store.updateData(claimed, json)) {
            throw new IllegalStateException("job " + id() + " is no longer held by this worker (its lease expired)");
        }
        this.data = newData;
    }

    @Override
    public void setResult(Object result) {
        String json = codec.toJson(result);
        if (!store.setResult(claimed, json)) {
            throw new IllegalStateException("job " + id() + " is no longer held by this worker (its lease expired)");
        }
    }

    @Override
    public Map<String, JobState> children() {
        Map<String, JobState> states = new LinkedHashMap<>();
        store.readChildren(claimed.ref()).forEach((child, record) -> states.put(child, JobState.valueOf(record[0])));
        return states;
    }

    @Override
    public <R> Optional<R> childResult(String childJobId, Class<R> type) {
        String[] record = store.readChildren(claimed.ref()).get(childJobId);
        if (record == null || !JobState.COMPLETED.name().equals(record[0]) || record[1].isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(type.cast(codec.fromJson(record[1], type)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the result of child " + childJobId + " cannot be read as " + type.getName()
                    + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void updateProgress(int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be 0 to 100, was " + percent);
        }
        if (!store.setProgress(claimed, percent)) {
            throw lostLease();
        }
    }

    @Override
    public void log(String line) {
        String text = String.valueOf(line);
        if (text.length() > MAX_LOG_LINE_LENGTH) {
            text = text.substring(0, MAX_LOG_LINE_LENGTH);
        }
        if (!store.appendLog(claimed, text, MAX_LOG_LINES)) {
            throw lostLease();
        }
    }

    private IllegalStateException lostLease() {
        return new IllegalStateException("job " + id() + " is no longer held by this worker (its lease expired)");
    }

    @Override
    public String toString() {
        return "job " + id() + " attempt " + claimed.attemptsMade() + "/" + claimed.maxAttempts();
    }
}
