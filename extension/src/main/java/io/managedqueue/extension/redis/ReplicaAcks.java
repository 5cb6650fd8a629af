package io.managedqueue.extension.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.logging.Logger;

import org.redisson.api.BatchOptions;
import org.redisson.api.BatchResult;
import org.redisson.api.RBatch;
import org.redisson.api.RScript;
import org.redisson.api.RScript.Mode;
import org.redisson.api.RScript.ReturnType;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

import io.managedqueue.api.ManagedQueueException;

/**
 * What "acknowledged" means: a state change counts as done once the master has run its script
 * and {@code replicas} replicas have received it ({@code WAIT replicas timeout}, pipelined after the
 * script on the same connection, so one round trip). A replica that has a write survives the
 * master's crash: Sentinel and Cluster promote the most up-to-date reachable replica.
 * <p>Lua cannot call {@code WAIT}, so with acknowledgements on each script goes out as a Redisson
 * batch of one (or of one queue's jobs) with {@link BatchOptions#sync}; with {@code replicas == 0}
 * the script goes out alone, exactly as before: the single-server hot path pays nothing.
 * <p>Two outcomes when fewer replicas answer in time: a {@link Shortfall#REFUSE} call (enqueue,
 * flows, cancel: the caller holds the result) fails with {@link ManagedQueueException}, the write
 * possibly done (a retry with the same job id deduplicates); a {@link Shortfall#PROCEED} call (the
 * engine's claims, completions and retries) keeps its result, since undoing is impossible and a lost
 * engine transition only makes a job run again (at-least-once), never disappear.
 */
public final class ReplicaAcks {

    /** What a call does when fewer replicas than required acknowledged its write. */
    public enum Shortfall { REFUSE, PROCEED }

    private static final Logger LOG = Logger.getLogger(ReplicaAcks.class.getName());

    private final RedissonClient redis;
    private final RScript script;
    private final int replicas;
    private final Duration timeout;
    private volatile long lastWarnNanos;

    /**
     * @param redis    the client
     * @param replicas replicas each state change must reach; 0 turns acknowledgement off
     * @param timeout  how long the master waits for them
     */
    public ReplicaAcks(RedissonClient redis, int replicas, Duration timeout) {
        this.redis = redis;
        this.script = redis.getScript(ScriptCodec.INSTANCE);
        this.replicas = replicas;
        this.timeout = timeout;
    }

    /** @return the replicas required; 0 when off */
    public int replicas() {
        return replicas;
    }

    /** @return whether state changes wait for replicas */
    public boolean enabled() {
        return replicas > 0;
    }

    /** Runs one state-change script, acknowledged as configured. */
    public <R> CompletionStage<R> evalAsync(Shortfall onShortfall, LuaScript lua, ReturnType type, List<Object> keys,
            Object... args) {
        if (!enabled()) {
            return script.evalAsync(Mode.READ_WRITE, lua.text(), type, keys, args);
        }
        RBatch batch = newBatch();
        CompletionStage<R> reply = batch.getScript(ScriptCodec.INSTANCE).evalAsync(Mode.READ_WRITE, lua.text(), type, keys, args);
        return batch.executeAsync().thenCompose(result -> {
            check(result, onShortfall, lua.name());
            return reply;
        });
    }

    /** The blocking form of {@link #evalAsync}; Redisson's failures arrive as they are, unwrapped. */
    public <R> R eval(Shortfall onShortfall, LuaScript lua, ReturnType type, List<Object> keys, Object... args) {
        if (!enabled()) {
            return script.eval(Mode.READ_WRITE, lua.text(), type, keys, args);
        }
        try {
            return this.<R>evalAsync(onShortfall, lua, type, keys, args).toCompletableFuture().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** @return a batch whose writes are acknowledged as configured (check its result with {@link #check}) */
    public RBatch newBatch() {
        BatchOptions options = BatchOptions.defaults();
        return redis.createBatch(enabled() ? options.sync(replicas, timeout) : options);
    }

    /**
     * @param result      a batch's result (one Redis node's writes: the count is that node's)
     * @param onShortfall what to do when too few replicas acknowledged
     * @param operation   named in the message
     */
    public void check(BatchResult<?> result, Shortfall onShortfall, String operation) {
        if (!enabled() || result.getSyncedSlaves() >= replicas) {
            return;
        }
        String message = operation.toLowerCase(java.util.Locale.ROOT) + " reached " + result.getSyncedSlaves() + " of "
                + replicas + " required replica(s) within " + timeout.toMillis() + " ms (managed-queue.redis.replica-acks)";
        if (onShortfall == Shortfall.REFUSE) {
            throw new CompletionException(new ManagedQueueException(message
                    + ": not acknowledged; the master may hold it, a failover may lose it; retrying with the same job id is safe"));
        }
        long now = System.nanoTime();
        if (now - lastWarnNanos > 30_000_000_000L) {
            lastWarnNanos = now;
            LOG.warning("Managed queue: " + message + "; kept (a failover may run the job again)");
        }
    }
}
