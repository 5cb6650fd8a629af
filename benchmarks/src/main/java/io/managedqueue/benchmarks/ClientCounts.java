package io.managedqueue.benchmarks;

import java.util.concurrent.atomic.LongAdder;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

import org.redisson.client.protocol.CommandData;
import org.redisson.client.protocol.CommandsData;

/**
 * Counts, on the client side, what the platform's Redisson client sends: one <em>round trip</em> per
 * message written to a connection (a single command, or a whole pipelined batch), and the commands
 * inside. Installed through {@code managed-queue.redis.config-file} (a Redisson YAML naming
 * {@link CountingNettyHook} as its {@code nettyHook}); the handler sits at the tail of each channel's pipeline, so
 * it sees Redisson's command objects before they are encoded. Redis's own {@code INFO commandstats}
 * cannot tell a client's command from one a Lua script issued, which is why this exists.
 */
final class ClientCounts {

    private static final LongAdder ROUND_TRIPS = new LongAdder();
    private static final LongAdder COMMANDS = new LongAdder();
    private static volatile boolean installed;

    private ClientCounts() {
    }

    record Snapshot(long roundTrips, long commands) {
        Snapshot minus(Snapshot earlier) {
            return new Snapshot(roundTrips - earlier.roundTrips, commands - earlier.commands);
        }
    }

    /** @return the counts so far, or {@code null} when the hook was never installed in a client */
    static Snapshot snapshot() {
        return installed ? new Snapshot(ROUND_TRIPS.sum(), COMMANDS.sum()) : null;
    }

    static Snapshot since(Snapshot earlier) {
        Snapshot now = snapshot();
        return now == null || earlier == null ? null : now.minus(earlier);
    }

    private static final ChannelHandler COUNTER = new Counter();

    /** Called by {@link CountingNettyHook} for every new connection of the platform's client. */
    static void install(Channel channel) {
        installed = true;
        channel.pipeline().addLast("mq-bench-counter", COUNTER);
    }

    @ChannelHandler.Sharable
    private static final class Counter extends ChannelOutboundHandlerAdapter {
        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            if (msg instanceof CommandsData batch) {
                ROUND_TRIPS.increment();
                COMMANDS.add(batch.getCommands().size());
            } else if (msg instanceof CommandData<?, ?>) {
                ROUND_TRIPS.increment();
                COMMANDS.increment();
            }
            super.write(ctx, msg, promise);
        }
    }
}
