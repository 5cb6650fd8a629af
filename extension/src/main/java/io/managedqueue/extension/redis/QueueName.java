package io.managedqueue.extension.redis;

import io.managedqueue.api.JobAddress;

/**
 * A logical queue {@code {plugin, queue}}: the unit of hash slot, pause and the operators' view.
 *
 * @param pluginName the plugin
 * @param queueName  the queue
 */
public record QueueName(String pluginName, String queueName) {

    /** @return the logical queue of an address */
    public static QueueName of(JobAddress address) {
        return new QueueName(address.pluginName(), address.queueName());
    }

    /** @return the logical queue of a job */
    public static QueueName of(JobRef ref) {
        return new QueueName(ref.pluginName(), ref.queueName());
    }

    /** @return the address of one job name of this queue */
    public JobAddress address(String jobName) {
        return new JobAddress(pluginName, queueName, jobName);
    }

    /** @return whether the address belongs to this queue */
    public boolean contains(JobAddress address) {
        return pluginName.equals(address.pluginName()) && queueName.equals(address.queueName());
    }

    @Override
    public String toString() {
        return "{" + pluginName + ", " + queueName + "}";
    }
}
