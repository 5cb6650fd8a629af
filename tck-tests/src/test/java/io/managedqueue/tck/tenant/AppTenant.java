package io.managedqueue.tck.tenant;

import jakarta.enterprise.context.RequestScoped;

/** The application's own request-scoped tenant holder, kept in step by {@link AppTenantBridge}. */
@RequestScoped
public class AppTenant {

    private String tenant;
    private String organization;
    private String locale;

    /**
     * @param tenant       the tenant, or {@code null}
     * @param organization the organization, or {@code null}
     * @param locale       an extra scope attribute, or {@code null}
     */
    public void set(String tenant, String organization, String locale) {
        this.tenant = tenant;
        this.organization = organization;
        this.locale = locale;
    }

    /** @return the tenant, or {@code null} */
    public String tenant() {
        return tenant;
    }

    /** @return the organization, or {@code null} */
    public String organization() {
        return organization;
    }

    /** @return the locale attribute, or {@code null} */
    public String locale() {
        return locale;
    }
}
