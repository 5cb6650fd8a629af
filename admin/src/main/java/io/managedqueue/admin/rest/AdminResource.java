package io.managedqueue.admin.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;

import io.managedqueue.admin.security.AdminScope;
import io.managedqueue.admin.security.Caller;

/** What every admin resource needs: the caller, and the admin view that caller is entitled to. */
abstract class AdminResource {

    @Inject
    AdminScope scope;

    @Context
    SecurityContext security;

    @Context
    Application application;

    /** @return the caller (401 when anonymous, 404 outside the admin's own JAX-RS application) */
    Caller caller() {
        return Caller.of(application, security);
    }
}
