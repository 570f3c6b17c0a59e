package io.parley.support;

import org.springframework.test.context.TestPropertySource;

/**
 * The one other application context of the test suite: Parley with the per-room send
 * limit out of the way, for tests that send thousands of messages. Every test class that
 * needs other settings shares this one property set, so the context is built once.
 */
@TestPropertySource(properties = TunedIntegrationTest.UNLIMITED_SENDS)
public abstract class TunedIntegrationTest extends ApiIntegrationTest {

	/** Also given to the instances that {@link ParleyInstance} starts. */
	public static final String UNLIMITED_SENDS = "parley.messages.sends-per-window=1000000";

}
