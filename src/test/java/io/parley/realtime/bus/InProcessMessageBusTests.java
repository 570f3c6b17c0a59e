package io.parley.realtime.bus;

class InProcessMessageBusTests extends MessageBusContract {

	private final InProcessMessageBus bus = new InProcessMessageBus();

	@Override
	protected MessageBus bus() {
		return this.bus;
	}

}
