package io.parley.support;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client over a plain TCP socket that completes the handshake and then reads
 * nothing until asked, so it never answers a ping (Reactor Netty's client answers pings
 * even while its application does not read). Afterwards it reads the frames the server
 * sent meanwhile.
 */
public final class SilentSocket implements AutoCloseable {

	private final Socket socket;

	private final DataInputStream in;

	private SilentSocket(Socket socket) throws IOException {
		this.socket = socket;
		this.in = new DataInputStream(socket.getInputStream());
	}

	/** Opens {@code path} as {@code bearer} and reads the 101 response, nothing more. */
	public static SilentSocket open(int port, String path, String bearer) {
		try {
			Socket socket = new Socket("localhost", port);
			socket.setSoTimeout(10_000);
			byte[] nonce = new byte[16];
			ThreadLocalRandom.current().nextBytes(nonce);
			String request = "GET " + path + " HTTP/1.1\r\nHost: localhost:" + port
					+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
					+ "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\nAuthorization: " + bearer
					+ "\r\n\r\n";
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			SilentSocket silent = new SilentSocket(socket);
			String status = silent.readHeaders();
			if (!status.contains(" 101 ")) {
				socket.close();
				throw new AssertionError("Handshake refused: " + status);
			}
			return silent;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private String readHeaders() throws IOException {
		StringBuilder head = new StringBuilder();
		while (!head.toString().endsWith("\r\n\r\n")) {
			head.append((char) this.in.readUnsignedByte());
		}
		return head.substring(0, head.indexOf("\r\n"));
	}

	/**
	 * Sends one frame, masked as a client must: {@code opcode} 1 text, 2 binary, 0
	 * continuation; {@code fin} false for all but the last fragment of a message.
	 */
	public void sendFrame(int opcode, boolean fin, byte[] payload) {
		try {
			java.io.ByteArrayOutputStream frame = new java.io.ByteArrayOutputStream();
			frame.write((fin ? 0x80 : 0) | opcode);
			if (payload.length < 126) {
				frame.write(0x80 | payload.length);
			}
			else if (payload.length < 65536) {
				frame.write(0x80 | 126);
				frame.write(payload.length >> 8);
				frame.write(payload.length & 0xFF);
			}
			else {
				frame.write(0x80 | 127);
				for (int shift = 56; shift >= 0; shift -= 8) {
					frame.write((int) ((long) payload.length >> shift) & 0xFF);
				}
			}
			byte[] mask = new byte[4];
			ThreadLocalRandom.current().nextBytes(mask);
			frame.write(mask);
			for (int i = 0; i < payload.length; i++) {
				frame.write(payload[i] ^ mask[i % 4]);
			}
			OutputStream out = this.socket.getOutputStream();
			out.write(frame.toByteArray());
			out.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Reads frames until the server's close frame or the end of the stream; returns them
	 * as {@code ping}, {@code text <payload>}, {@code opcode <n>}, and last
	 * {@code close <status code>}.
	 */
	public List<String> readUntilClosed() {
		List<String> frames = new ArrayList<>();
		try {
			while (true) {
				int first = this.in.read();
				if (first < 0) {
					return frames;
				}
				int opcode = first & 0x0F;
				long length = this.in.readUnsignedByte() & 0x7F;
				if (length == 126) {
					length = this.in.readUnsignedShort();
				}
				else if (length == 127) {
					length = this.in.readLong();
				}
				byte[] payload = new byte[(int) length];
				this.in.readFully(payload);
				if (opcode == 8) {
					int code = (payload.length >= 2) ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 0;
					frames.add("close " + code);
					return frames;
				}
				frames.add((opcode == 9) ? "ping"
						: (opcode == 1) ? "text " + new String(payload, StandardCharsets.UTF_8) : "opcode " + opcode);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// closing
		}
	}

}
