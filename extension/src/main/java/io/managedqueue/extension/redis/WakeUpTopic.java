package io.managedqueue.extension.redis;

import java.util.logging.Logger;

import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

import io.managedqueue.extension.engine.WakeUps;

/**
 * The engine's wake-ups over Redis pub/sub: the scripts that make a job ready, or make a delayed
 * job the earliest of its address, publish {@code <address wire>|<due at ms>} on
 * {@link RedisKeys#wakeChannel()} ({@code lib-waiting.lua}, {@code admin-resume.lua}).
 */
public final class WakeUpTopic implements WakeUps {

    private static final Logger LOG = Logger.getLogger(WakeUpTopic.class.getName());

    private final RedissonClient redis;
    private final String channel;

    public WakeUpTopic(RedissonClient redis, RedisKeys keys) {
        this.redis = redis;
        this.channel = keys.wakeChannel();
    }

    @Override
    public Subscription subscribe(Listener listener) {
        RTopic topic = redis.getTopic(channel, StringCodec.INSTANCE);
        int id = topic.addListener(String.class, (ignoredChannel, message) -> deliver(message, listener));
        return () -> {
            try {
                topic.removeListener(id);
            } catch (RuntimeException e) {
                LOG.fine("could not unsubscribe: " + e);
            }
        };
    }

    /** The due time follows the last bar: an address's wire form holds bars of its own. */
    private static void deliver(String message, Listener listener) {
        int bar = message.lastIndexOf('|');
        long dueAt;
        try {
            dueAt = Long.parseLong(message.substring(bar + 1));
        } catch (NumberFormatException e) {
            dueAt = -1;
        }
        if (bar <= 0 || dueAt < 0) {
            LOG.fine("ignored a wake-up that is not <address>|<due at ms>: " + message);
            return;
        }
        listener.wake(message.substring(0, bar), dueAt);
    }
}
