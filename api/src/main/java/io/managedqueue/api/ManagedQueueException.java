package io.managedqueue.api;

/**
 * The platform could not do what was asked for a reason outside the caller's input: Redis
 * unreachable or too slow, the service shut down. Bad input is reported with
 * {@link IllegalArgumentException} instead.
 */
public class ManagedQueueException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed
     * @param cause   the underlying failure
     */
    public ManagedQueueException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * @param message what failed
     */
    public ManagedQueueException(String message) {
        super(message);
    }
}
