/**
 * The operators' API: see and steer every logical queue of the platform, across pods.
 *
 * <p>Plugins never need it; dashboards, support tools and the optional {@code managed-queue-admin}
 * REST module do. Inject {@link io.managedqueue.api.admin.ManagedQueueAdmin}.
 *
 * <p><b>Tenancy.</b> Called inside a tenant scope (the platform's {@code TenantContext} or the
 * application's {@code TenantScopeBridge}), the admin sees only that tenant's jobs and counts,
 * and refuses queue-wide operations ({@code pause}, {@code resume}, {@code clean}, {@code retryAll},
 * {@code workers}, {@code recount}) with an {@link java.lang.IllegalStateException}. Outside any
 * scope (an operator) it sees every tenant, and can filter by one. Another tenant's job id is
 * "not found", exactly as in {@code ManagedQueueService.getJob}.
 *
 * <p><b>Cost.</b> Every read costs a number of Redis round trips proportional to the number of
 * logical queues, never to the number of jobs: counts are counters kept by the scripts that move
 * jobs, not scans.
 */
package io.managedqueue.api.admin;
