package org.rapport.demo;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.rapport.access.ApiClients;
import org.rapport.access.Scope;
import org.rapport.customer.Customers;
import org.rapport.customer.IdentityType;
import org.rapport.platform.Actor;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The read half of the customer benchmark: identity look-up and 360 view from concurrent
 * clients, in process through the facade and over HTTP with an API key.
 */
final class ReadLatencies {

	private ReadLatencies() {
	}

	static String method(int clients, int seconds) {
		return clients + " client threads call one operation each for " + seconds + " s after a 5 s warm-up, "
				+ "each call on a random one of 10,000 customers with a phone; the facade runs and the HTTP runs "
				+ "each follow a 10 s untimed warm-up of both operations. *Facade*: in process through "
				+ "`Customers.findByIdentity` / `Customers.get`. *HTTP*: `GET /api/v1/customers/lookup?type=PHONE` "
				+ "and `GET /api/v1/customers/{id}` with an API key (scope customers:read) over HTTP/1.1 to the "
				+ "server started for the run, client and server on the same machine. Latency per call, exact "
				+ "percentiles of all samples.";
	}

	static List<LatencyRun.Result> measure(ConfigurableApplicationContext server, JdbcClient jdbc, int clients,
			int seconds) throws InterruptedException {
		record Sample(UUID id, String phone) {
		}
		List<Sample> samples = jdbc
			.sql("SELECT customer_id, value FROM customer_identity WHERE type = 'PHONE' ORDER BY random() LIMIT 10000")
			.query((rs, n) -> new Sample(rs.getObject(1, UUID.class), rs.getString(2)))
			.list();
		Customers facade = server.getBean(Customers.class);
		String key = server.getBean(ApiClients.class)
			.create("bench-" + System.currentTimeMillis(), Set.of(Scope.CUSTOMERS_READ), Actor.SYSTEM)
			.apiKey();
		String base = "/api/v1/customers";
		BenchHttp http = new BenchHttp("localhost",
				Integer.parseInt(server.getEnvironment().getProperty("local.server.port")));
		Duration warmUp = Duration.ofSeconds(5);
		Duration measure = Duration.ofSeconds(seconds);
		List<LatencyRun.Result> results = new ArrayList<>();
		System.out.println("Reads through the facade and over HTTP...");
		// An untimed pass first, as for HTTP below, so the first facade run does not pay
		// for a cold cache and code that is not compiled yet.
		LatencyRun.run("facade warm-up", clients, Duration.ZERO, Duration.ofSeconds(10), samples,
				(s) -> facade.get(s.id()) != null && facade.findByIdentity(IdentityType.PHONE, s.phone()).isPresent());
		results.add(LatencyRun.run("look-up by phone, facade", clients, warmUp, measure, samples,
				(s) -> facade.findByIdentity(IdentityType.PHONE, s.phone()).isPresent()));
		results.add(LatencyRun.run("360 view, facade", clients, warmUp, measure, samples,
				(s) -> facade.get(s.id()) != null));
		// One untimed pass over both endpoints first, so the first HTTP run does not pay
		// for
		// warming up the web stack alone.
		LatencyRun.run("HTTP warm-up", clients, Duration.ZERO, Duration.ofSeconds(10), samples,
				(s) -> get(http, base + "/" + s.id(), key) && get(http,
						base + "/lookup?type=PHONE&value=" + URLEncoder.encode(s.phone(), StandardCharsets.UTF_8),
						key));
		results.add(LatencyRun.run("look-up by phone, HTTP", clients, warmUp, measure, samples, (s) -> get(http,
				base + "/lookup?type=PHONE&value=" + URLEncoder.encode(s.phone(), StandardCharsets.UTF_8), key)));
		results.add(LatencyRun.run("360 view, HTTP", clients, warmUp, measure, samples,
				(s) -> get(http, base + "/" + s.id(), key)));
		results
			.forEach((r) -> System.out.printf(Locale.ROOT, "  %-26s %,8.0f/s  p50 %6.2f ms  p99 %6.2f ms  errors %d%n",
					r.name(), r.perSecond(), r.p50() / 1000.0, r.p99() / 1000.0, r.errors()));
		return results;
	}

	private static boolean get(BenchHttp http, String path, String key) {
		try {
			return http.get(path, key).status() == 200;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
