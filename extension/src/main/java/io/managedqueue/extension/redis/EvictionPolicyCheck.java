package io.managedqueue.extension.redis;

import java.util.Map;
import java.util.logging.Logger;

import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNodes;

/**
 * A Redis that evicts keys under memory pressure silently deletes jobs. Jobs are only safe with
 * {@code maxmemory-policy noeviction}; anything else is logged loudly at start-up, or fails it
 * when {@code managed-queue.redis.fail-on-eviction-policy=true}. Checked on single-server set-ups;
 * Sentinel and Cluster operators are reminded in the README.
 */
public final class EvictionPolicyCheck {

    private static final Logger LOG = Logger.getLogger(EvictionPolicyCheck.class.getName());

    private EvictionPolicyCheck() {
    }

    public static void verify(RedissonClient redis, boolean failOnEviction) {
        if (!redis.getConfig().isSingleConfig()) {
            return;
        }
        String policy;
        try {
            Map<String, String> config = redis.getRedisNodes(RedisNodes.SINGLE).getInstance().getConfig("maxmemory-policy");
            policy = config.get("maxmemory-policy");
        } catch (RuntimeException e) {
            LOG.fine("cannot read maxmemory-policy (CONFIG may be disabled): " + e);
            return;
        }
        if (policy == null || policy.equals("noeviction")) {
            return;
        }
        String message = "Redis maxmemory-policy is '" + policy + "': under memory pressure Redis will DELETE jobs."
                + " Set maxmemory-policy noeviction on the Redis that holds the queues.";
        if (failOnEviction) {
            throw new IllegalStateException(message + " (managed-queue.redis.fail-on-eviction-policy=true)");
        }
        LOG.severe("Managed queue: " + message);
    }
}
