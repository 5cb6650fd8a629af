package io.managedqueue.sample.provider;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * What the provider receives.
 *
 * @param tenantId       the tenant the message is sent for
 * @param organizationId the tenant's organization, or {@code null}
 * @param integrationId  the integration (the tenant's account at the provider)
 * @param recipient      who gets the message
 * @param message        the text
 */
@JsonbPropertyOrder({"tenantId", "organizationId", "integrationId", "recipient", "message"})
public record ProviderMessage(String tenantId, String organizationId, String integrationId, String recipient, String message) {
}
