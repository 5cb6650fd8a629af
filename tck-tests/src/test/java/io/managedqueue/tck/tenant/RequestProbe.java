package io.managedqueue.tck.tenant;

import java.util.UUID;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/** A request-scoped bean that reports its own creation and destruction. */
@RequestScoped
public class RequestProbe {

    @Inject
    ProbeRegistry registry;

    private String id;

    @PostConstruct
    void created() {
        id = UUID.randomUUID().toString();
        registry.created(id);
    }

    @PreDestroy
    void destroyed() {
        registry.destroyed(id);
    }

    /** @return this instance's identity */
    public String id() {
        return id;
    }
}
