package io.parley.realtime.bus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.RedisCommand;
import org.jspecify.annotations.Nullable;

/**
 * PUBLISH commands gathered on one thread while some work runs, handed to Lettuce
 * together when it returns, or whenever {@link #MAX_GATHERED} are waiting: one flush (one
 * write to the socket) for all of them instead of one per command, so Redis, and every
 * subscriber, read them in fewer reads too. No thread hop: the thread that ran the work
 * hands them over. The cap bounds how long a payload waits for the rest of the work,
 * during which payloads published by other threads to the same topic may overtake it.
 */
final class GatheredPublishes {

	static final int MAX_GATHERED = 32;

	private final StatefulRedisConnection<String, byte[]> connection;

	private final RedisCodec<String, byte[]> codec;

	private final ThreadLocal<@Nullable List<RedisCommand<String, byte[], ?>>> gathering = new ThreadLocal<>();

	GatheredPublishes(StatefulRedisConnection<String, byte[]> connection, RedisCodec<String, byte[]> codec) {
		this.connection = connection;
		this.codec = codec;
	}

	/** Runs the work, then hands over what it published (also if it failed). */
	void during(Runnable work) {
		if (this.gathering.get() != null) {
			work.run();
			return;
		}
		List<RedisCommand<String, byte[], ?>> commands = new ArrayList<>();
		this.gathering.set(commands);
		try {
			work.run();
		}
		finally {
			this.gathering.remove();
			handOver(commands);
		}
	}

	/**
	 * The publish as a command of this thread's gathering, done once Redis answers; null
	 * when no gathering is open on this thread.
	 */
	@Nullable CompletionStage<Long> gather(String channel, byte[] payload) {
		List<RedisCommand<String, byte[], ?>> commands = this.gathering.get();
		if (commands == null) {
			return null;
		}
		AsyncCommand<String, byte[], Long> command = new AsyncCommand<>(new Command<>(CommandType.PUBLISH,
				new IntegerOutput<>(this.codec), new CommandArgs<>(this.codec).addKey(channel).addValue(payload)));
		commands.add(command);
		if (commands.size() >= MAX_GATHERED) {
			handOver(new ArrayList<>(commands));
			commands.clear();
		}
		return command;
	}

	private void handOver(List<RedisCommand<String, byte[], ?>> commands) {
		if (commands.isEmpty()) {
			return;
		}
		try {
			this.connection.dispatch(commands);
		}
		catch (RuntimeException ex) {
			commands.forEach((command) -> command.completeExceptionally(ex));
		}
	}

}
