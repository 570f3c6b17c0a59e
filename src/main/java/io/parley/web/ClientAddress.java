package io.parley.web;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * The address a request really comes from: the TCP peer, unless that peer is a trusted
 * proxy ({@code PARLEY_TRUSTED_PROXIES}, addresses or CIDR ranges), in which case the
 * right-most {@code X-Forwarded-For} hop that is not itself trusted.
 */
@Component
public class ClientAddress {

	private final List<IpRange> trusted = new ArrayList<>();

	public ClientAddress(HttpProperties properties) {
		for (String proxy : properties.trustedProxies()) {
			if (!proxy.isBlank()) {
				this.trusted.add(IpRange.parse(proxy));
			}
		}
	}

	public String of(ServerHttpRequest request) {
		InetSocketAddress remote = request.getRemoteAddress();
		String peer = (remote != null && remote.getAddress() != null) ? remote.getAddress().getHostAddress()
				: "unknown";
		if (!isTrusted(peer)) {
			return peer;
		}
		List<String> hops = request.getHeaders().getValuesAsList("X-Forwarded-For");
		for (int i = hops.size() - 1; i >= 0; i--) {
			String hop = hops.get(i).trim();
			if (IpRange.literal(hop) == null) {
				return peer;
			}
			if (!isTrusted(hop)) {
				return hop;
			}
		}
		return peer;
	}

	private boolean isTrusted(String address) {
		for (IpRange range : this.trusted) {
			if (range.contains(address)) {
				return true;
			}
		}
		return false;
	}

}
