package io.managedqueue.api;

import java.util.Map;

/**
 * The tenant scope a job carries from the code that enqueued it to the handler that runs it.
 * Captured at enqueue time (from the request, {@link TenantContext}, or a
 * {@link io.managedqueue.api.spi.TenantScopeBridge}) and restored around every attempt.
 *
 * @param tenantId       the tenant; {@code null} only for system-wide jobs
 * @param organizationId the organization inside the tenant, or {@code null}
 * @param userId         the user on whose behalf the job runs, or {@code null}
 * @param attributes     further application scope (for example a locale) a bridge wants back in
 *                       the job; never {@code null}, empty by default; at most 64 entries
 */
public record JobScope(String tenantId, String organizationId, String userId, Map<String, String> attributes) {

    private static final JobScope SYSTEM = new JobScope(null, null, null, Map.of());

    /**
     * Validates ids and copies the attributes.
     *
     * @throws IllegalArgumentException naming the field when an id is illegal (see
     *                                  {@link EnqueueRequest.Builder#tenantId(String)}), an
     *                                  organization is given without a tenant, or there are too many attributes
     */
    public JobScope {
        if (tenantId != null) {
            Names.requireId("tenantId", tenantId);
        }
        if (organizationId != null) {
            Names.requireId("organizationId", organizationId);
            if (tenantId == null) {
                throw new IllegalArgumentException("organizationId requires a tenantId");
            }
        }
        if (userId != null) {
            Names.requireId("userId", userId);
        }
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        if (attributes.size() > 64) {
            throw new IllegalArgumentException("attributes must hold at most 64 entries, had " + attributes.size());
        }
    }

    /**
     * @param tenantId       the tenant, not blank
     * @param organizationId the organization, or {@code null}
     * @return a scope without user or attributes
     */
    public static JobScope of(String tenantId, String organizationId) {
        Names.requireId("tenantId", tenantId);
        return new JobScope(tenantId, organizationId, null, Map.of());
    }

    /** @return the scope of a system-wide job: no tenant at all */
    public static JobScope systemWide() {
        return SYSTEM;
    }

    /** @return whether this scope belongs to no tenant */
    public boolean isSystemWide() {
        return tenantId == null;
    }
}
