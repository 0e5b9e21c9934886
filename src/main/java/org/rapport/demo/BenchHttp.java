package org.rapport.demo;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The benchmarks' HTTP/1.1 client: one kept-alive socket per client thread, each request
 * written in one piece, the answer read by its {@code Content-Length} or its chunks. The
 * benchmark clients share the two cores with the server they measure, so the client must
 * cost as little as possible: {@code java.net.http.HttpClient} spent about as much CPU
 * per call as the server did (1.3 ms against 1.2 ms for a timeline page, measured on this
 * machine), which showed up as server latency. Not a general client: no redirects, no
 * TLS, no proxy.
 */
final class BenchHttp {

	/** An answer: its status and its body as text. */
	record Response(int status, String body) {
	}

	private final String host;

	private final int port;

	private final ThreadLocal<Connection> connections = new ThreadLocal<>();

	BenchHttp(String host, int port) {
		this.host = host;
		this.port = port;
	}

	Response get(String path, String apiKey) throws IOException {
		return exchange("GET", path, apiKey, null);
	}

	Response post(String path, String apiKey, String json) throws IOException {
		return exchange("POST", path, apiKey, json.getBytes(StandardCharsets.UTF_8));
	}

	private Response exchange(String method, String path, String apiKey, byte[] body) throws IOException {
		Connection connection = this.connections.get();
		if (connection == null || connection.socket.isClosed()) {
			connection = new Connection(this.host, this.port);
			this.connections.set(connection);
		}
		try {
			return connection.exchange(method, path, apiKey, body, this.host + ":" + this.port);
		}
		catch (IOException ex) {
			connection.socket.close();
			this.connections.remove();
			throw ex;
		}
	}

	private static final class Connection {

		private final Socket socket;

		private final OutputStream out;

		private final InputStream in;

		Connection(String host, int port) throws IOException {
			this.socket = new Socket();
			this.socket.setTcpNoDelay(true);
			this.socket.connect(new InetSocketAddress(host, port), 10_000);
			this.socket.setSoTimeout(180_000);
			this.out = this.socket.getOutputStream();
			this.in = new BufferedInputStream(this.socket.getInputStream(), 65_536);
		}

		Response exchange(String method, String path, String apiKey, byte[] body, String authority) throws IOException {
			StringBuilder head = new StringBuilder(256).append(method)
				.append(' ')
				.append(path)
				.append(" HTTP/1.1\r\nHost: ")
				.append(authority)
				.append("\r\nX-API-Key: ")
				.append(apiKey)
				.append("\r\nAccept: application/json\r\n");
			if (body != null) {
				head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
			}
			head.append("\r\n");
			byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
			ByteArrayOutputStream request = new ByteArrayOutputStream(
					headBytes.length + ((body != null) ? body.length : 0));
			request.write(headBytes);
			if (body != null) {
				request.write(body);
			}
			request.writeTo(this.out);
			this.out.flush();
			return read();
		}

		private Response read() throws IOException {
			String statusLine = line();
			if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
				throw new IOException("Not an HTTP/1.1 answer: " + statusLine);
			}
			int status = Integer.parseInt(statusLine.substring(9, 12));
			long length = -1;
			boolean chunked = false;
			boolean close = false;
			for (String header = line(); !header.isEmpty(); header = line()) {
				String lower = header.toLowerCase(Locale.ROOT);
				if (lower.startsWith("content-length:")) {
					length = Long.parseLong(header.substring(15).trim());
				}
				else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
					chunked = true;
				}
				else if (lower.startsWith("connection:") && lower.contains("close")) {
					close = true;
				}
			}
			ByteArrayOutputStream content = new ByteArrayOutputStream(chunked ? 8192 : (int) Math.max(0, length));
			if (chunked) {
				for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0; size = Integer
					.parseInt(line().split(";")[0].trim(), 16)) {
					copy(size, content);
					line();
				}
				while (!line().isEmpty()) {
					// trailers
				}
			}
			else if (length > 0) {
				copy(length, content);
			}
			if (close) {
				this.socket.close();
			}
			return new Response(status, content.toString(StandardCharsets.UTF_8));
		}

		private void copy(long count, ByteArrayOutputStream to) throws IOException {
			byte[] buffer = new byte[8192];
			long left = count;
			while (left > 0) {
				int n = this.in.read(buffer, 0, (int) Math.min(buffer.length, left));
				if (n < 0) {
					throw new IOException("Connection closed in the middle of an answer");
				}
				to.write(buffer, 0, n);
				left -= n;
			}
		}

		private String line() throws IOException {
			StringBuilder line = new StringBuilder(64);
			for (int c = this.in.read(); c != '\n'; c = this.in.read()) {
				if (c < 0) {
					throw new IOException("Connection closed");
				}
				if (c != '\r') {
					line.append((char) c);
				}
			}
			return line.toString();
		}

	}

}
