package io.parley.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ReactorResourceFactory;

import io.parley.ParleyApplication;

/**
 * A whole Parley server started inside the test JVM, one of the instances of a cluster:
 * it shares the test PostgreSQL (from {@link TestServices}) and talks to the others over
 * the Redis at the given URL.
 */
public final class ParleyInstance implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final int port;

	private ParleyInstance(ConfigurableApplicationContext context) {
		this.context = context;
		this.port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
	}

	/**
	 * Starts an instance on a free port, with extra {@code settings} such as
	 * {@code parley.realtime.heartbeat=1s}. Settings go in as command-line arguments:
	 * {@code application.yml} would override default properties. The send limit is lifted
	 * unless a setting names it.
	 */
	public static ParleyInstance start(String redisUrl, String... settings) {
		TestServices.start();
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--parley.redis.url=" + redisUrl));
		String sendLimit = TunedIntegrationTest.UNLIMITED_SENDS.substring(0,
				TunedIntegrationTest.UNLIMITED_SENDS.indexOf('=') + 1);
		if (Arrays.stream(settings).noneMatch((setting) -> setting.startsWith(sendLimit))) {
			arguments.add("--" + TunedIntegrationTest.UNLIMITED_SENDS);
		}
		for (String setting : settings) {
			arguments.add("--" + setting);
		}
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ParleyApplication.class)
			.initializers(ParleyInstance::ownNettyResources)
			.run(arguments.toArray(String[]::new));
		return new ParleyInstance(context);
	}

	/**
	 * Event loops of its own: with Reactor Netty's global ones, closing this instance
	 * would dispose the loops of every other server and client in the JVM.
	 */
	private static void ownNettyResources(ConfigurableApplicationContext context) {
		((GenericApplicationContext) context).registerBean(ReactorResourceFactory.class, () -> {
			ReactorResourceFactory resources = new ReactorResourceFactory();
			resources.setUseGlobalResources(false);
			return resources;
		});
	}

	public int port() {
		return this.port;
	}

	/** A bean of the instance's application context. */
	public <T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	public ParleyApi api() {
		return ParleyApi.onPort(this.port);
	}

	/**
	 * A {@code /room/{id}} socket (path and query given) of {@code as} on this instance.
	 */
	public TestSocket socket(AppSession as, String pathAndQuery) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.AUTHORIZATION, as.bearer());
		return TestSocket.open(this.port, pathAndQuery, headers);
	}

	/** A {@code /room/{id}} socket of {@code as} on this instance, READY read. */
	public TestSocket ready(AppSession as, long roomId) {
		TestSocket socket = socket(as, "/room/" + roomId);
		socket.next("READY");
		return socket;
	}

	@Override
	public void close() {
		this.context.close();
	}

}
