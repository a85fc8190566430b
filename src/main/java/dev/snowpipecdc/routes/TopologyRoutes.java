package dev.snowpipecdc.routes;

import java.util.Optional;

import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;

/**
 * Adds the Java routes of the pipeline's topology ({@code cdc.topology}) once its settings are known: those of the
 * warehouse (parse and route, table template, dead letters, schema, monitoring) or those of the publish topology.
 */
public final class TopologyRoutes extends MainListenerSupport {

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        Optional<String> setting = main.getCamelContext().getPropertiesComponent().resolveProperty(Topology.SETTING);
        Topology.of(setting.orElse(null)).javaRoutes().forEach(main.configure()::addRoutesBuilder);
    }
}
