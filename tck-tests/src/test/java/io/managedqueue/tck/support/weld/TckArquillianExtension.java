package io.managedqueue.tck.support.weld;

import org.jboss.arquillian.core.spi.LoadableExtension;

/** Registers the TCK's client-side Arquillian observers. */
public class TckArquillianExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(DeploymentConfigAsSystemProperties.class);
        builder.observer(ApplicationStoppingEvent.class);
    }
}
