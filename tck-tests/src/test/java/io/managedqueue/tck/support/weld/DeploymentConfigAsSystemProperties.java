package io.managedqueue.tck.support.weld;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Properties;
import java.util.Set;

import org.jboss.arquillian.container.spi.event.container.BeforeDeploy;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.Node;

import io.managedqueue.tck.support.TckDeployment;

/**
 * Weld embedded run only (client side, same JVM as the container): right before an archive is
 * deployed, its {@code META-INF/microprofile-config.properties} is also applied as system
 * properties, replacing those of the previous deployment. The configuration then reaches the
 * extension whichever class loader it asks MicroProfile Config with, and a test class with
 * several deployments (different configurations) gets the right one for each.
 */
public class DeploymentConfigAsSystemProperties {

    private static final Set<String> applied = new LinkedHashSet<>();

    /**
     * @param event the deployment about to happen
     */
    public void apply(@Observes BeforeDeploy event) {
        if (TckDeployment.onLiberty()) {
            return;
        }
        Archive<?> archive = event.getDeployment().getArchive();
        if (archive == null) {
            return;
        }
        Node config = archive.get(TckDeployment.CONFIG_FILE);
        if (config == null || config.getAsset() == null) {
            return;
        }
        Properties properties = new Properties();
        try (InputStream in = config.getAsset().openStream()) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        synchronized (applied) {
            applied.forEach(System::clearProperty);
            applied.clear();
            properties.stringPropertyNames().forEach(key -> {
                System.setProperty(key, properties.getProperty(key));
                applied.add(key);
            });
        }
    }
}
