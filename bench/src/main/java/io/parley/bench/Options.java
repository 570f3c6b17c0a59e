package io.parley.bench;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Command-line settings, {@code --name value}. Every loop the tool runs is bounded by
 * these, and every one of them is checked against a hard ceiling; the server and the
 * database must be on loopback.
 */
final class Options {

	static final Set<String> SCENARIOS = Set.of("fanout", "acks", "idle", "history");

	private static final Set<String> KNOWN = Set.of("host", "port", "db", "db-user", "db-password", "jwt-secret",
			"issuer", "rooms", "members", "rate", "duration", "warmup", "drain", "server-pid", "connect-concurrency",
			"inflight", "content-size", "client-threads", "messages", "requests", "concurrency", "limit", "settle",
			"keep", "gc");

	final String scenario;

	private final Map<String, String> values;

	private Options(String scenario, Map<String, String> values) {
		this.scenario = scenario;
		this.values = values;
	}

	static Options parse(String[] args) {
		if (args.length == 0 || !SCENARIOS.contains(args[0])) {
			throw new IllegalArgumentException("first argument must be one of " + SCENARIOS);
		}
		Map<String, String> values = new HashMap<>();
		for (int i = 1; i < args.length; i++) {
			String arg = args[i];
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("unexpected argument " + arg);
			}
			String name = arg.substring(2);
			String value;
			int eq = name.indexOf('=');
			if (eq >= 0) {
				value = name.substring(eq + 1);
				name = name.substring(0, eq);
			}
			else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
				value = args[++i];
			}
			else {
				value = "true";
			}
			if (!KNOWN.contains(name)) {
				throw new IllegalArgumentException("unknown option --" + name);
			}
			values.put(name, value);
		}
		Options options = new Options(args[0], values);
		options.requireLoopback(options.host());
		options.requireLoopback(URI.create(options.db().substring("jdbc:".length())).getHost());
		return options;
	}

	private void requireLoopback(String host) {
		try {
			for (InetAddress address : InetAddress.getAllByName(host)) {
				if (!address.isLoopbackAddress()) {
					throw new IllegalArgumentException(host + " is not a loopback address: this tool only targets loopback");
				}
			}
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("unknown host " + host);
		}
	}

	String host() {
		return string("host", "127.0.0.1");
	}

	int port() {
		return integer("port", 8080, 1, 65535);
	}

	String db() {
		return string("db", env("PARLEY_BENCH_DB", "jdbc:postgresql://127.0.0.1:5432/parley"));
	}

	String dbUser() {
		return string("db-user", env("PARLEY_DB_USER", "parley"));
	}

	String dbPassword() {
		return string("db-password", env("PARLEY_DB_PASSWORD", "parley"));
	}

	String jwtSecret() {
		String secret = string("jwt-secret", env("PARLEY_JWT_SECRET", ""));
		if (secret.length() < 32) {
			throw new IllegalArgumentException("PARLEY_JWT_SECRET (or --jwt-secret) must be the server's, >= 32 bytes");
		}
		return secret;
	}

	/** Must equal the server's {@code PARLEY_PUBLIC_URL}: it is the tokens' issuer. */
	String issuer() {
		return string("issuer", env("PARLEY_PUBLIC_URL", "http://localhost:8080"));
	}

	int rooms(int fallback) {
		return integer("rooms", fallback, 1, 5_000);
	}

	int members(int fallback) {
		return integer("members", fallback, 1, 100);
	}

	/** Publishes per second over all sockets (open model); 0 in {@code acks} means closed loop. */
	int rate(int fallback) {
		return integer("rate", fallback, 0, 50_000);
	}

	Duration duration(String fallback) {
		return duration("duration", fallback, Duration.ofMinutes(10));
	}

	Duration warmup(String fallback) {
		return duration("warmup", fallback, Duration.ofMinutes(2));
	}

	Duration drain() {
		return duration("drain", "5s", Duration.ofMinutes(1));
	}

	Duration settle() {
		return duration("settle", "5s", Duration.ofMinutes(2));
	}

	long serverPid() {
		return integer("server-pid", 0, 0, Integer.MAX_VALUE);
	}

	int connectConcurrency() {
		return integer("connect-concurrency", 32, 1, 512);
	}

	/** Closed-loop sends outstanding per socket in {@code acks} when {@code --rate 0}. */
	int inflight() {
		return integer("inflight", 4, 1, 256);
	}

	int contentSize() {
		return integer("content-size", 90, 40, 4000);
	}

	int clientThreads() {
		return integer("client-threads", 2, 1, 16);
	}

	int messages() {
		return integer("messages", 1_000_000, 1, 5_000_000);
	}

	int requests() {
		return integer("requests", 2_000, 1, 100_000);
	}

	int concurrency() {
		return integer("concurrency", 4, 1, 64);
	}

	int limit() {
		return integer("limit", 50, 1, 100);
	}

	/** Keep the rows the run created (default: delete them at the end). */
	boolean keep() {
		return Boolean.parseBoolean(string("keep", "false"));
	}

	/** Ask the server for a full GC (jcmd) before memory readings in {@code idle}. */
	boolean gc() {
		return Boolean.parseBoolean(string("gc", "true"));
	}

	String describe() {
		return this.scenario + " " + new java.util.TreeMap<>(this.values).toString().replaceAll("jwt-secret=[^,}]*",
				"jwt-secret=***").replaceAll("db-password=[^,}]*", "db-password=***");
	}

	private String string(String name, String fallback) {
		return this.values.getOrDefault(name, fallback);
	}

	private int integer(String name, int fallback, int min, int max) {
		String raw = this.values.get(name);
		int value = (raw != null) ? Integer.parseInt(raw.replace("_", "")) : fallback;
		if (value < min || value > max) {
			throw new IllegalArgumentException("--" + name + " must be within " + min + ".." + max);
		}
		return value;
	}

	private Duration duration(String name, String fallback, Duration max) {
		Duration value = parseDuration(string(name, fallback));
		if (value.isNegative() || value.compareTo(max) > 0) {
			throw new IllegalArgumentException("--" + name + " must be within 0.." + max);
		}
		return value;
	}

	static Duration parseDuration(String raw) {
		String text = raw.strip().toLowerCase();
		if (text.endsWith("ms")) {
			return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
		}
		long amount = Long.parseLong(text.substring(0, text.length() - 1));
		return switch (text.charAt(text.length() - 1)) {
			case 's' -> Duration.ofSeconds(amount);
			case 'm' -> Duration.ofMinutes(amount);
			default -> Duration.ofSeconds(Long.parseLong(text));
		};
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}
