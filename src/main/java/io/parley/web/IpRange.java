package io.parley.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * An IP address or CIDR range ({@code 10.0.0.0/8}, {@code ::1}). Only literals are
 * accepted, so matching never triggers a DNS lookup.
 */
final class IpRange {

	static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

	private final byte[] network;

	private final int prefixBits;

	private IpRange(byte[] network, int prefixBits) {
		this.network = network;
		this.prefixBits = prefixBits;
	}

	static IpRange parse(String spec) {
		String trimmed = spec.trim();
		int slash = trimmed.indexOf('/');
		String address = (slash < 0) ? trimmed : trimmed.substring(0, slash);
		byte[] bytes = literal(address);
		if (bytes == null) {
			throw new IllegalArgumentException("Not an IP address or CIDR range: " + spec);
		}
		int bits = (slash < 0) ? bytes.length * 8 : Integer.parseInt(trimmed.substring(slash + 1));
		if (bits < 0 || bits > bytes.length * 8) {
			throw new IllegalArgumentException("Bad prefix length in " + spec);
		}
		return new IpRange(bytes, bits);
	}

	boolean contains(String address) {
		byte[] candidate = literal(address);
		if (candidate == null || candidate.length != this.network.length) {
			return false;
		}
		int fullBytes = this.prefixBits / 8;
		for (int i = 0; i < fullBytes; i++) {
			if (candidate[i] != this.network[i]) {
				return false;
			}
		}
		int rest = this.prefixBits % 8;
		if (rest == 0) {
			return true;
		}
		int mask = (0xFF << (8 - rest)) & 0xFF;
		return (candidate[fullBytes] & mask) == (this.network[fullBytes] & mask);
	}

	/**
	 * The address bytes of an IP literal; null for anything else (never resolves names).
	 */
	static byte @Nullable [] literal(String address) {
		if (address.isEmpty() || !LITERAL.matcher(address).matches()) {
			return null;
		}
		try {
			return InetAddress.getByName(address).getAddress();
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

}
