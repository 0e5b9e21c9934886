package org.rapport.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BenchHttpTest {

	private ServerSocket server;

	private final List<String> requestLines = new CopyOnWriteArrayList<>();

	private final List<String> answers = new CopyOnWriteArrayList<>();

	@BeforeEach
	void start() throws IOException {
		this.server = new ServerSocket(0);
		Thread thread = new Thread(this::serve);
		thread.setDaemon(true);
		thread.start();
	}

	@AfterEach
	void stop() throws IOException {
		this.server.close();
	}

	@Test
	void readsAnswersByLengthAndByChunksOnOneKeptAliveConnection() throws IOException {
		this.answers
			.add("HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"id\":\"é\"}");
		this.answers.add("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n[1,2\r\n3\r\n,3]\r\n0\r\n\r\n");
		BenchHttp http = new BenchHttp("localhost", this.server.getLocalPort());

		BenchHttp.Response created = http.post("/api/v1/interactions", "key-1", "{\"a\":1}");
		BenchHttp.Response listed = http.get("/api/v1/customers", "key-1");

		assertThat(created.status()).isEqualTo(201);
		assertThat(created.body()).isEqualTo("{\"id\":\"é\"}");
		assertThat(listed.status()).isEqualTo(200);
		assertThat(listed.body()).isEqualTo("[1,2,3]");
		assertThat(this.requestLines).containsExactly("POST /api/v1/interactions HTTP/1.1",
				"GET /api/v1/customers HTTP/1.1");
	}

	/** Answers the requests of one connection in order, one prepared answer each. */
	private void serve() {
		try (Socket socket = this.server.accept()) {
			BufferedReader in = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			OutputStream out = socket.getOutputStream();
			for (int i = 0; i < 2; i++) {
				this.requestLines.add(in.readLine());
				int length = 0;
				for (String header = in.readLine(); !header.isEmpty(); header = in.readLine()) {
					if (header.startsWith("Content-Length:")) {
						length = Integer.parseInt(header.substring(15).trim());
					}
				}
				in.skip(length);
				out.write(this.answers.get(i).getBytes(StandardCharsets.UTF_8));
				out.flush();
			}
		}
		catch (IOException ex) {
			// the test fails on its assertions
		}
	}

}
