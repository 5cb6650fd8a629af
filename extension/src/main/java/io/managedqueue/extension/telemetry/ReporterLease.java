package io.managedqueue.extension.telemetry;

import java.time.Duration;
import java.util.List;

import org.redisson.api.RScript;
import org.redisson.api.RScript.Mode;
import org.redisson.api.RScript.ReturnType;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

import io.managedqueue.extension.redis.LuaScript;

/**
 * The lease that makes one process at a time the reporter of global queue depths (so a sum over
 * pods does not multiply them by the pod count). Held by renewing it faster than it expires; a
 * process that dies loses it within one lease duration, and another takes it over.
 */
final class ReporterLease {

    private final RScript script;
    private final String key;
    private final String token;
    private final String durationMillis;

    ReporterLease(RedissonClient redis, String key, String token, Duration duration) {
        this.script = redis.getScript(StringCodec.INSTANCE);
        this.key = key;
        this.token = token;
        this.durationMillis = Long.toString(duration.toMillis());
    }

    /** @return whether this process holds the lease now (taken or renewed) */
    boolean hold() {
        return call("hold");
    }

    /** Gives the lease up, so another process reports at once rather than after it expires. */
    void release() {
        call("release");
    }

    private boolean call(String op) {
        Long held = script.eval(Mode.READ_WRITE, LuaScript.HOLD_LEASE.text(), ReturnType.LONG, List.of(key), token, op,
                durationMillis);
        return held != null && held == 1;
    }
}
