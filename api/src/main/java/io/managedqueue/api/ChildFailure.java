package io.managedqueue.api;

/** What a child's final failure (or cancellation) does to its flow's parent. */
public enum ChildFailure {
    /** The parent fails at once, its last error naming the child; it never runs. The default. */
    FAIL_PARENT,
    /** The child counts as ended: the parent runs once the others have ended too. */
    IGNORE
}
