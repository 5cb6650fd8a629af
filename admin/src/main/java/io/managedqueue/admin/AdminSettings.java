package io.managedqueue.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The admin module's MicroProfile Config keys, {@code managed-queue.admin.*}.
 */
@ApplicationScoped
public class AdminSettings {

    /** {@code true}: every mutation answers 403 (reads still work). Default {@code false}. */
    public static final String READ_ONLY = "managed-queue.admin.read-only";

    /** {@code true}: job payloads and results are shown. Default {@code false}: they may hold personal data. */
    public static final String SHOW_PAYLOADS = "managed-queue.admin.show-payloads";

    @Inject
    @ConfigProperty(name = READ_ONLY, defaultValue = "false")
    boolean readOnly;

    @Inject
    @ConfigProperty(name = SHOW_PAYLOADS, defaultValue = "false")
    boolean showPayloads;

    /** @return whether mutations are switched off */
    public boolean readOnly() {
        return readOnly;
    }

    /** @return whether payloads and results are shown */
    public boolean showPayloads() {
        return showPayloads;
    }
}
