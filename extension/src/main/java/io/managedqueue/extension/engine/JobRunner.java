package io.managedqueue.extension.engine;

/** Calls a handler for one attempt, inside the job's scope: implemented by the CDI layer. */
@FunctionalInterface
public interface JobRunner {

    /**
     * @param handler the handler
     * @param job     the attempt
     * @throws Exception whatever the handler threw
     */
    void run(HandlerDescriptor handler, JobExecution<?> job) throws Exception;
}
