package io.managedqueue.benchmarks;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;

import org.redisson.client.NettyHook;

/**
 * The Redisson hook named in the benchmark's YAML configuration ({@code nettyHook: !<...> {}}): adds
 * {@link ClientCounts}'s counter to every connection. Top-level, public, with a no-argument
 * constructor, because Redisson's YAML tag pattern accepts only {@code [a-zA-Z0-9_.]} class names.
 */
public final class CountingNettyHook implements NettyHook {

    @Override
    public void afterBoostrapInitialization(Bootstrap bootstrap) {
        // nothing
    }

    @Override
    public void afterChannelInitialization(Channel channel) {
        ClientCounts.install(channel);
    }
}
