package io.managedqueue.reliability.worker;

/**
 * The payload of the reliability jobs: what the handler must do, and what it must see.
 * Public fields and a no-argument constructor: JSON-B maps it both ways.
 */
public class Work {

    /** The producer's sequence number. */
    public int index;
    /** How long the first run takes, in milliseconds. */
    public int millis;
    /** How long later runs take; {@code -1}: as long as the first. */
    public int rerunMillis = -1;
    /** Runs up to this number throw (a transient failure), e.g. 1: the first run fails. */
    public int failRuns;
    /** The tenant the job was enqueued for: the handler must see exactly this one. */
    public String tenant;
    /** The organization the job was enqueued for, or null. */
    public String org;
    /** The user the job was enqueued for, or null. */
    public String user;
    /** Another tenant's job id: inside this job's scope it must be invisible and not cancellable. */
    public String foreignJobId;

    public Work() {
    }

    public static Work of(int index, int millis, String tenant) {
        Work w = new Work();
        w.index = index;
        w.millis = millis;
        w.tenant = tenant;
        return w;
    }
}
