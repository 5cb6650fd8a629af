package io.managedqueue.sample;

/** The addresses of the sample plugin's jobs: {@code {plugin, queue, job}}. */
public final class AcmePlugin {

    /** The plugin, as a platform would name an installed plugin package. */
    public static final String NAME = "@acme/notifications";

    public static final String OUTBOUND_QUEUE = "notifications.outbound";
    public static final String SEND_JOB = "send";

    public static final String INBOUND_QUEUE = "events.inbound";
    public static final String FLUSH_JOB = "flush";

    private AcmePlugin() {
    }
}
