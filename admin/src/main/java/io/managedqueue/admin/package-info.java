/**
 * The operators' REST API over {@link io.managedqueue.api.admin.ManagedQueueAdmin}, and the
 * dashboard page beside it. Add the jar to a web application that has the platform; the API
 * answers under {@value io.managedqueue.admin.ManagedQueueAdminApplication#PATH} and the page
 * at {@code /managed-queue/}. Authentication is the application's (a security constraint on
 * {@code /managed-queue/*}); roles: {@link io.managedqueue.admin.AdminRoles}.
 */
package io.managedqueue.admin;
