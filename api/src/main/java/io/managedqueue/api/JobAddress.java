package io.managedqueue.api;

/**
 * The logical address of a job: which plugin owns it, which logical queue it belongs to, and
 * which job (handler) it is for. One address has at most one handler bean in an application.
 *
 * <p>Every part must be 1 to {@value Names#MAX_NAME_LENGTH} printable ASCII characters without
 * spaces, {@code '{'}, {@code '}'} or {@code '|'} (those characters delimit Redis keys and job ids).
 *
 * @param pluginName the owning plugin, for example {@code "@acme/plugin-wechat"}
 * @param queueName  the logical queue inside the plugin, for example {@code "wechat.outbound"}
 * @param jobName    the job kind inside the queue, for example {@code "send-message"}
 */
public record JobAddress(String pluginName, String queueName, String jobName) {

    /**
     * Validates all three parts.
     *
     * @throws IllegalArgumentException naming the offending field when a part is blank or illegal
     */
    public JobAddress {
        Names.requireName("pluginName", pluginName);
        Names.requireName("queueName", queueName);
        Names.requireName("jobName", jobName);
    }

    /**
     * Creates an address.
     *
     * @param pluginName the owning plugin
     * @param queueName  the logical queue
     * @param jobName    the job kind
     * @return the address
     * @throws IllegalArgumentException naming the offending field when a part is blank or illegal
     */
    public static JobAddress of(String pluginName, String queueName, String jobName) {
        return new JobAddress(pluginName, queueName, jobName);
    }

    /** @return {@code {plugin, queue, job}}, the form used in error messages and logs */
    @Override
    public String toString() {
        return "{" + pluginName + ", " + queueName + ", " + jobName + "}";
    }
}
