package io.managedqueue.extension.cdi;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.ConfigProvider;
import org.redisson.api.RedissonClient;

import io.managedqueue.extension.config.QueueConfig;
import io.managedqueue.extension.engine.PayloadCodec;
import io.managedqueue.extension.redis.AdminStore;
import io.managedqueue.extension.redis.EmbeddedRedis;
import io.managedqueue.extension.redis.EvictionPolicyCheck;
import io.managedqueue.extension.redis.JobStore;
import io.managedqueue.extension.redis.RedisClientFactory;
import io.managedqueue.extension.redis.RedisKeys;
import io.managedqueue.extension.redis.ReplicaAcks;
import io.managedqueue.extension.redis.WorkerRegistry;
import io.managedqueue.extension.schedule.ScheduleStore;

/**
 * What the platform owns for the application's lifetime: configuration, the Redis client (and
 * an embedded Redis in development), the store, the payload codec and the platform threads.
 */
@ApplicationScoped
public class QueueRuntime {

    private static final Logger LOG = Logger.getLogger(QueueRuntime.class.getName());

    private QueueConfig config;
    private EmbeddedRedis embedded;
    private RedissonClient redis;
    private JobStore store;
    private AdminStore admin;
    private WorkerRegistry workerRegistry;
    private String workerId;
    private ScheduleStore schedules;
    private PayloadCodec codec;
    private ThreadFactory threads;
    private ExecutorService callbacks;
    private final List<Runnable> closeTasks = new CopyOnWriteArrayList<>();

    @PostConstruct
    void open() {
        config = new QueueConfig(ConfigProvider.getConfig());
        if (config.redis.embedded() && config.redis.address().isEmpty() && config.redis.configFile().isEmpty()
                && config.redis.clusterAddresses().isEmpty() && config.redis.sentinelMaster().isEmpty()) {
            embedded = EmbeddedRedis.start();
        }
        redis = RedisClientFactory.create(config.redis, embedded == null ? null : embedded.address());
        EvictionPolicyCheck.verify(redis, config.failOnEvictionPolicy);
        String token = UUID.randomUUID().toString().substring(0, 13);
        workerId = token;
        RedisKeys keys = new RedisKeys(config.keyPrefix);
        store = new JobStore(redis, keys, config.leaseDuration.toMillis(), config.maxStalls, token, replicaAcks());
        admin = new AdminStore(redis, keys);
        workerRegistry = new WorkerRegistry(redis, keys, config.heartbeatInterval.toMillis());
        schedules = new ScheduleStore(redis, store);
        codec = new PayloadCodec(config.payloadMaxBytes);
        threads = WorkerThreads.create("managed-queue");
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
        pool.allowCoreThreadTimeOut(true);
        callbacks = pool;
    }

    /** The setting, else by topology (also a Redisson YAML file's): 1 on Sentinel and Cluster, 0 on one server. */
    private ReplicaAcks replicaAcks() {
        org.redisson.config.Config client = redis.getConfig();
        boolean replicated = client.isClusterConfig() || client.isSentinelConfig();
        return new ReplicaAcks(redis, config.redis.replicaAcks().orElse(replicated ? 1 : 0), config.redis.replicaAckTimeout());
    }

    /**
     * Runs {@code task} when the runtime closes, before Redis is shut down: the engine stops
     * here too, so workers never outlive their connection even in a container that skips
     * {@code @BeforeDestroyed(ApplicationScoped.class)}.
     */
    public void beforeClose(Runnable task) {
        closeTasks.add(task);
    }

    @PreDestroy
    void close() {
        for (Runnable task : closeTasks) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Managed queue: a shutdown step failed", e);
            }
        }
        callbacks.shutdown();
        try {
            codec.close();
        } catch (Exception e) {
            LOG.log(Level.FINE, "closing JSON-B", e);
        }
        redis.shutdown();
        if (embedded != null) {
            embedded.close();
        }
    }

    public QueueConfig config() {
        return config;
    }

    public RedissonClient redis() {
        return redis;
    }

    public JobStore store() {
        return store;
    }

    /** @return the operators' reads and transitions */
    public AdminStore admin() {
        return admin;
    }

    /** @return the operators' list of live worker processes */
    public WorkerRegistry workerRegistry() {
        return workerRegistry;
    }

    /** @return this process's unique id: its lease tokens' prefix and its name in the workers' list */
    public String workerId() {
        return workerId;
    }

    public ScheduleStore schedules() {
        return schedules;
    }

    public PayloadCodec codec() {
        return codec;
    }

    /** @return the factory of platform threads (container-managed on a Jakarta EE server) */
    public ThreadFactory threads() {
        return threads;
    }

    /** @return where asynchronous API results complete: never a Redis I/O thread */
    public ExecutorService callbacks() {
        return callbacks;
    }
}
