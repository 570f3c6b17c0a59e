package io.parley.realtime;

import java.util.NoSuchElementException;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import reactor.netty.NettyPipeline;

/** Where Parley's own handlers go in a socket's Netty pipeline. */
final class SocketPipeline {

	private SocketPipeline() {
	}

	/**
	 * Adds the handler in front of Reactor Netty's bridge to the application (so it sees
	 * frames before the application and writes after it), or last when there is no bridge
	 * (any more: the client may have disconnected meanwhile).
	 */
	static void addBeforeBridge(Channel channel, String name, ChannelHandler handler) {
		ChannelPipeline pipeline = channel.pipeline();
		try {
			if (pipeline.get(NettyPipeline.ReactiveBridge) != null) {
				pipeline.addBefore(NettyPipeline.ReactiveBridge, name, handler);
				return;
			}
		}
		catch (NoSuchElementException ex) {
			// the bridge went away between the two calls
		}
		pipeline.addLast(name, handler);
	}

}
