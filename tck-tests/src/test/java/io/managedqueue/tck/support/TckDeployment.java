package io.managedqueue.tck.support;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import io.managedqueue.testing.TestRedis;
import io.managedqueue.testing.TestTimeouts;
import io.managedqueue.testing.topology.SharedCluster;

/**
 * Builds one test's deployment for whichever container runs the TCK: its own beans, its own
 * configuration (a unique key prefix on the shared test Redis, or on the shared Cluster when
 * {@code managed-queue.tck.topology=cluster}), and the extension.
 *
 * <ul>
 * <li><b>Weld embedded</b> (same JVM): a bean archive; the extension, its libraries and the CDI
 * runtime pieces (SmallRye Config, Yasson, SmallRye Fault Tolerance) come from the test class
 * path. The configuration is written into the archive, and applied as system properties right
 * before the archive is deployed (see {@code weld.DeploymentConfigAsSystemProperties}).</li>
 * <li><b>Open Liberty</b> (separate JVM): a WAR carrying the extension and its runtime closure
 * (copied by the build into {@code managed-queue.tck.libs}), plus AssertJ and Awaitility for the
 * in-container test methods. The server provides CDI, JSON-B, MicroProfile Config and Fault
 * Tolerance. The server reaches the same Redis through the address written into the WAR.</li>
 * </ul>
 * Runs on the client side only (in {@code @Deployment} methods), never in a container.
 */
public final class TckDeployment {

    /** System property naming the container of this run: {@code weld} (default) or {@code liberty}. */
    public static final String CONTAINER = "managed-queue.tck.container";
    /** System property naming the Redis topology of this run: {@code single} (default) or {@code cluster}. */
    public static final String TOPOLOGY = "managed-queue.tck.topology";
    /** System property: the directory of the jars each Liberty deployment carries. */
    public static final String LIBS = "managed-queue.tck.libs";

    /** Configuration key carrying the client's timeout factor into the deployment, for {@code ContainerSetupTest}. */
    public static final String TIMEOUT_FACTOR_CHECK = "managed-queue.tck.timeout-factor";
    /** Where a Weld archive keeps its configuration (a WAR keeps it under {@code WEB-INF/classes}). */
    public static final String CONFIG_FILE = "META-INF/microprofile-config.properties";

    private final String name;
    private final Set<Class<?>> classes = new LinkedHashSet<>();
    private final Map<String, String> config = new LinkedHashMap<>();

    private TckDeployment(String name) {
        this.name = name;
    }

    /**
     * @param testClass the test the deployment is for; names the archive and the key prefix
     * @return a deployment with the TCK's support beans and a fresh key prefix
     */
    public static TckDeployment forTest(Class<?> testClass) {
        String tag = testClass.getSimpleName().replaceAll("(?<=[a-z0-9])(?=[A-Z])", "-").toLowerCase();
        TckDeployment deployment = new TckDeployment("tck-" + tag + "-" + UUID.randomUUID().toString().substring(0, 6));
        deployment.classes.add(JobLog.class);
        deployment.classes.add(JobLog.Call.class);
        deployment.classes.add(Waits.class);
        deployment.classes.add(RecordingHandler.class);
        deployment.classes.add(Jobs.class);
        deployment.classes.add(Topology.class);
        deployment.classes.add(TestTimeouts.class);
        return redis(deployment)
                .config("managed-queue.key-prefix", TestRedis.uniquePrefix(tag))
                // Short polls and backoffs keep the suite fast; the behaviour under test does not depend on them.
                .config("managed-queue.worker.poll-interval", "100ms")
                .config("managed-queue.default.backoff.delay", "100ms")
                .config("managed-queue.shutdown.grace-period", "10s")
                // Not read by the extension: lets the in-container test check it waits as long as the client asked.
                .config(TIMEOUT_FACTOR_CHECK, String.valueOf(TestTimeouts.factor()));
    }

    /** The shared test Redis, or the shared 3+3 Cluster when this run targets Cluster. */
    private static TckDeployment redis(TckDeployment deployment) {
        return onCluster()
                ? deployment.config(Topology.CLUSTER_ADDRESSES, SharedCluster.addresses())
                : deployment.config("managed-queue.redis.address", TestRedis.address());
    }

    /** @return whether this run's Redis is a Cluster (client side; in a container, ask {@link Topology}) */
    public static boolean onCluster() {
        return "cluster".equalsIgnoreCase(System.getProperty(TOPOLOGY, "single"));
    }

    /**
     * @param beans the classes the test deploys (handlers, observers, payload types, helpers)
     * @return this
     */
    public TckDeployment classes(Class<?>... beans) {
        classes.addAll(List.of(beans));
        return this;
    }

    /**
     * @param key   a MicroProfile Config key, for example {@code managed-queue.payload.max-bytes}
     * @param value its value for this deployment
     * @return this
     */
    public TckDeployment config(String key, String value) {
        config.put(key, value);
        return this;
    }

    /** @return the key prefix this deployment's extension uses */
    public String keyPrefix() {
        return config.get("managed-queue.key-prefix");
    }

    /** @return the archive for the container of this run */
    public Archive<?> build() {
        return onLiberty() ? webArchive() : beanArchive();
    }

    /** @return whether this run targets Open Liberty */
    public static boolean onLiberty() {
        return "liberty".equalsIgnoreCase(System.getProperty(CONTAINER, "weld"));
    }

    private Archive<?> beanArchive() {
        return ShrinkWrap.create(JavaArchive.class, name + ".jar")
                .addClasses(classes.toArray(Class<?>[]::new))
                .addAsManifestResource(beansXml(), "beans.xml")
                .addAsResource(configAsset(), CONFIG_FILE);
    }

    private Archive<?> webArchive() {
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addClasses(classes.toArray(Class<?>[]::new))
                .addAsWebInfResource(beansXml(), "beans.xml")
                .addAsResource(configAsset(), CONFIG_FILE)
                .addAsLibraries(libraries("runtime"))
                .addAsLibraries(libraries("test"));
    }

    private static StringAsset beansXml() {
        return new StringAsset("""
                <beans xmlns="https://jakarta.ee/xml/ns/jakartaee"
                       xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                       xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/beans_4_0.xsd"
                       version="4.0" bean-discovery-mode="annotated">
                </beans>
                """);
    }

    private StringAsset configAsset() {
        Properties properties = new Properties();
        properties.putAll(config);
        StringWriter out = new StringWriter();
        try {
            properties.store(out, "TCK deployment " + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new StringAsset(out.toString());
    }

    private static File[] libraries(String kind) {
        String root = System.getProperty(LIBS);
        if (root == null) {
            throw new IllegalStateException("System property " + LIBS + " is not set: run the Liberty TCK through Maven (failsafe)");
        }
        File dir = new File(root, kind);
        File[] jars = dir.listFiles((d, n) -> n.endsWith(".jar"));
        if (jars == null || jars.length == 0) {
            throw new IllegalStateException("No libraries in " + dir + ": the build copies them in pre-integration-test");
        }
        List<File> sorted = new ArrayList<>(List.of(jars));
        sorted.sort(null);
        return sorted.toArray(File[]::new);
    }
}
