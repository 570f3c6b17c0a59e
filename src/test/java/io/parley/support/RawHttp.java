package io.parley.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain TCP socket, for requests no HTTP client would send: malformed
 * headers and bodies, odd methods and paths, partial requests, pipelining.
 */
public final class RawHttp implements AutoCloseable {

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private RawHttp(Socket socket) throws IOException {
		this.socket = socket;
		this.in = socket.getInputStream();
		this.out = socket.getOutputStream();
	}

	/** A connection to the server on {@code port}; reads give up after 10 s. */
	public static RawHttp connect(int port) {
		try {
			Socket socket = new Socket("127.0.0.1", port);
			socket.setSoTimeout(10_000);
			return new RawHttp(socket);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Sends {@code text} as it is (US-ASCII). */
	public RawHttp send(String text) {
		try {
			this.out.write(text.getBytes(StandardCharsets.US_ASCII));
			this.out.flush();
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Sends {@code text} a byte every {@code pause} until the server answers or closes;
	 * returns whether it did before the last byte.
	 */
	public boolean trickle(String text, Duration pause) throws InterruptedException {
		try {
			for (byte b : text.getBytes(StandardCharsets.US_ASCII)) {
				if (this.in.available() > 0) {
					return true;
				}
				this.out.write(b);
				this.out.flush();
				Thread.sleep(pause.toMillis());
			}
			return this.in.available() > 0;
		}
		catch (IOException ex) {
			// closed by the server
			return true;
		}
	}

	/** Reads the head of an answer that has no body whatever it says (one to HEAD). */
	public Response readHead() {
		try {
			String head = readUntil("\r\n\r\n");
			return new Response(Integer.parseInt(head.substring(9, 12)), head, "");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Reads one response (a Content-Length or chunked body, or none). */
	public Response read() {
		try {
			String head = readUntil("\r\n\r\n");
			String lower = head.toLowerCase(Locale.ROOT);
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			if (lower.contains("transfer-encoding: chunked")) {
				int size;
				do {
					size = Integer.parseInt(readUntil("\r\n").trim(), 16);
					body.write(this.in.readNBytes(size));
					this.in.readNBytes(2);
				}
				while (size > 0);
			}
			else {
				int at = lower.indexOf("content-length:");
				if (at >= 0) {
					int end = lower.indexOf("\r\n", at);
					body.write(this.in.readNBytes(Integer.parseInt(lower.substring(at + 15, end).trim())));
				}
			}
			return new Response(Integer.parseInt(head.substring(9, 12)), head, body.toString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Reads until the server closes the connection, at most {@code limit}; returns what
	 * arrived, or {@code null} when the connection was still open after {@code limit}.
	 */
	public String readUntilClosed(Duration limit) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		long deadline = System.nanoTime() + limit.toNanos();
		try {
			while (true) {
				long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
				this.socket.setSoTimeout((int) left);
				int next = this.in.read();
				if (next < 0) {
					return bytes.toString(StandardCharsets.US_ASCII);
				}
				bytes.write(next);
			}
		}
		catch (SocketTimeoutException ex) {
			return null;
		}
		catch (IOException ex) {
			// a reset also ends the connection
			return bytes.toString(StandardCharsets.US_ASCII);
		}
	}

	private String readUntil(String end) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		while (!bytes.toString(StandardCharsets.US_ASCII).endsWith(end)) {
			int next = this.in.read();
			if (next < 0) {
				throw new IOException("Connection closed after: " + bytes.toString(StandardCharsets.US_ASCII));
			}
			bytes.write(next);
		}
		return bytes.toString(StandardCharsets.US_ASCII);
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A response: its status, its head (status line and headers) and its body. */
	public record Response(int status, String head, String body) {

		/** The first value of header {@code name}, or {@code null}. */
		public String header(String name) {
			String prefix = name.toLowerCase(Locale.ROOT) + ":";
			for (String line : this.head.split("\r\n")) {
				if (line.toLowerCase(Locale.ROOT).startsWith(prefix)) {
					return line.substring(prefix.length()).trim();
				}
			}
			return null;
		}

	}

}
