package io.managedqueue.extension.enqueue;

import java.util.List;
import java.util.UUID;

import io.managedqueue.api.EnqueueRequest;
import io.managedqueue.api.JobAddress;
import io.managedqueue.api.JobScope;
import io.managedqueue.extension.config.QueueConfig;
import io.managedqueue.extension.engine.PayloadCodec;
import io.managedqueue.extension.redis.JobFields;
import io.managedqueue.extension.redis.JobRef;
import io.managedqueue.extension.redis.PreparedJob;

/**
 * Builds what one enqueue writes: the job's id in its tenant, and its hash fields with the
 * configured defaults applied. The payload is serialised here, on the caller's thread, so a
 * payload JSON-B refuses (or one over the size limit) fails the call before anything is written.
 */
public final class JobPreparer {

    private final QueueConfig config;
    private final PayloadCodec codec;

    public JobPreparer(QueueConfig config, PayloadCodec codec) {
        this.config = config;
        this.codec = codec;
    }

    /**
     * @param request a request (its own fields are validated by its builder)
     * @param scope   the tenant scope the job runs in, already captured
     * @return the job, ready for the store
     * @throws IllegalArgumentException naming the field when the payload cannot be written
     */
    public PreparedJob prepare(EnqueueRequest<?> request, JobScope scope) {
        String payload = codec.toJson(request.payload());
        JobAddress address = request.address();
        String localId = request.jobId().orElseGet(() -> UUID.randomUUID().toString());
        JobRef ref = new JobRef(address.pluginName(), address.queueName(), scope.isSystemWide() ? "" : scope.tenantId(), localId);
        List<String> fields = new JobFields(address)
                .scope(scope)
                .scopeKey(request.scopeKey().orElse(null))
                .payload(payload)
                .attempts(request.attempts().orElse(config.defaultAttempts), request.backoff().orElse(config.defaultBackoff))
                .retention(request.removeOnComplete().orElse(config.completedRetention),
                        request.removeOnFail().orElse(config.failedRetention))
                .priority(request.priority())
                .rateLimitKey(request.rateLimitKey().orElse(null))
                .pairs();
        return new PreparedJob(ref, address, request.delay().toMillis(), fields, request.deduplication().orElse(null));
    }
}
