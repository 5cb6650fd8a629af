package io.managedqueue.reliability.worker;

import jakarta.enterprise.context.RequestScoped;

/**
 * A request-scoped bean: a job that finds it already owned runs in a request context that
 * another job used (a leak between jobs on one thread).
 */
@RequestScoped
public class RequestProbe {

    private String owner;

    public String owner() {
        return owner;
    }

    public void own(String jobId) {
        owner = jobId;
    }
}
