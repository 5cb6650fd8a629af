package io.managedqueue.extension.telemetry;

import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;

import io.managedqueue.api.JobAddress;

/**
 * The attribute names (semantic conventions for messaging 1.36.0, plus {@code managed_queue.*} where
 * they have none) and each address's attribute sets, built once per address: recording a
 * measurement then allocates nothing. No set holds a tenant.
 */
final class MessagingAttributes {

    static final String SYSTEM_NAME = "managed_queue";

    static final AttributeKey<String> SYSTEM = stringKey("messaging.system");
    static final AttributeKey<String> DESTINATION = stringKey("messaging.destination.name");
    static final AttributeKey<String> OPERATION_NAME = stringKey("messaging.operation.name");
    static final AttributeKey<String> OPERATION_TYPE = stringKey("messaging.operation.type");
    static final AttributeKey<String> MESSAGE_ID = stringKey("messaging.message.id");
    static final AttributeKey<Long> BATCH_COUNT = longKey("messaging.batch.message_count");
    static final AttributeKey<String> ERROR_TYPE = stringKey("error.type");
    static final AttributeKey<String> JOB_NAME = stringKey("managed_queue.job.name");
    static final AttributeKey<String> JOB_STATE = stringKey("managed_queue.job.state");
    static final AttributeKey<Long> ATTEMPT = longKey("managed_queue.job.attempt");

    /** Only system and operation: a batch that spans several queues. */
    static final Attributes SEND_ANYWHERE = Attributes.of(SYSTEM, SYSTEM_NAME, OPERATION_NAME, "send", OPERATION_TYPE, "send");

    /** The sets of one address: {@code send} for the producer side, {@code process} for attempts, {@code job} for the counters. */
    record OfAddress(String destination, Attributes send, Attributes process, Attributes job) {
    }

    private final Map<JobAddress, OfAddress> byAddress = new ConcurrentHashMap<>();

    OfAddress of(JobAddress address) {
        OfAddress cached = byAddress.get(address);
        return cached != null ? cached : byAddress.computeIfAbsent(address, MessagingAttributes::build);
    }

    /** @return {@code <plugin>/<queue>}, the destination name of a logical queue */
    static String destination(String pluginName, String queueName) {
        return pluginName + "/" + queueName;
    }

    /** @return the system and destination of a logical queue, for the queue-wide gauges */
    static Attributes queue(String pluginName, String queueName) {
        return Attributes.of(SYSTEM, SYSTEM_NAME, DESTINATION, destination(pluginName, queueName));
    }

    /** @return {@code base} with {@code error.type}: the failure's class, as semconv asks */
    static Attributes withError(Attributes base, Throwable failure) {
        return base.toBuilder().put(ERROR_TYPE, failure.getClass().getName()).build();
    }

    private static OfAddress build(JobAddress address) {
        String destination = destination(address.pluginName(), address.queueName());
        Attributes job = Attributes.of(SYSTEM, SYSTEM_NAME, DESTINATION, destination, JOB_NAME, address.jobName());
        return new OfAddress(destination,
                job.toBuilder().put(OPERATION_NAME, "send").put(OPERATION_TYPE, "send").build(),
                job.toBuilder().put(OPERATION_NAME, "process").put(OPERATION_TYPE, "process").build(),
                job);
    }
}
