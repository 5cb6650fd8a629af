package io.managedqueue.admin;

/**
 * The roles the admin API knows. Map them to users or groups in the server (on Liberty an
 * {@code <application-bnd>}). An authenticated caller in neither role is a tenant user: it sees
 * only the tenant scope the application established for its request.
 */
public final class AdminRoles {

    /** Every tenant, may change things: retry, promote, cancel, pause, resume, clean. */
    public static final String OPERATOR = "managed-queue-operator";

    /** Every tenant, read only. */
    public static final String VIEWER = "managed-queue-viewer";

    private AdminRoles() {
    }
}
