package io.managedqueue.extension.cdi;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import io.managedqueue.api.JobScope;
import io.managedqueue.api.TenantContext;

/** The request-scoped tenant holder: filled from the job around every attempt, or by application code in a web request. */
@RequestScoped
public class TenantContextImpl implements TenantContext {

    private JobScope scope;

    @Override
    public Optional<String> tenantId() {
        return scope().map(JobScope::tenantId);
    }

    @Override
    public Optional<String> organizationId() {
        return scope().map(JobScope::organizationId);
    }

    @Override
    public Optional<String> userId() {
        return scope().map(JobScope::userId);
    }

    @Override
    public Optional<JobScope> scope() {
        return Optional.ofNullable(scope).filter(s -> !s.isSystemWide());
    }

    @Override
    public void set(JobScope scope) {
        this.scope = scope;
    }
}
