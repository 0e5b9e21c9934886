package org.rapport.loyalty.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.rapport.loyalty.Combination;
import org.rapport.loyalty.ExpiryPolicy;
import org.rapport.loyalty.Loyalty;
import org.rapport.loyalty.LoyaltyProgramme;
import org.rapport.loyalty.NegativeBalancePolicy;
import org.rapport.loyalty.ProgrammeFigures;
import org.rapport.loyalty.TierOfferLists;
import org.rapport.loyalty.ProgrammeSettings;
import org.rapport.loyalty.Tier;
import org.rapport.loyalty.TierLadder;
import org.rapport.loyalty.TierMembers;
import org.rapport.platform.cli.CliCommand;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * {@code bench-loyalty [--members 1000000] [--dir data/bench-loyalty] [--report
 * docs/benchmarks.md] [--generate-only | --reuse]}: on a fresh embedded database of its
 * own, generates the members and their ledgers in SQL, then times the nightly jobs
 * through the facade (activation, expiry, tier re-qualification, and the re-qualification
 * again as on a second night), then the programme's monthly figures on the ledger the
 * jobs left (one month and twelve), and appends the method, machine and timings to the
 * report. {@code --generate-only} stops after the data set (its folder can then be
 * copied), and {@code --reuse} times the jobs on a folder generated that way (or a copy
 * of it), so that several versions of the jobs can be compared on the same data without
 * generating it again.
 */
@Component
class LoyaltyBenchmark implements CliCommand {

	private final ApplicationContext context;

	LoyaltyBenchmark(ApplicationContext context) {
		this.context = context;
	}

	@Override
	public String name() {
		return "bench-loyalty";
	}

	@Override
	public int run(String[] args) {
		long members = Long.parseLong(option(args, "members", "1000000"));
		Path dir = Path.of(option(args, "dir", "data/bench-loyalty"));
		Path reportFile = Path.of(option(args, "report", "docs/benchmarks.md"));
		boolean generateOnly = List.of(args).contains("--generate-only");
		boolean reuse = List.of(args).contains("--reuse");
		try {
			if (reuse && !Files.isDirectory(dir.resolve("postgres"))) {
				System.err.println("No generated data set in " + dir.toAbsolutePath());
				return 1;
			}
			if (!reuse) {
				wipe(dir);
			}
			try (ConfigurableApplicationContext db = start(dir)) {
				JdbcClient jdbc = db.getBean(JdbcClient.class);
				String dataDirectory = jdbc.sql("SHOW data_directory").query(String.class).single();
				if (!Path.of(dataDirectory).startsWith(dir.toAbsolutePath())) {
					System.err.println("The benchmark runs only on its own embedded database, not on " + dataDirectory);
					return 1;
				}
				List<String> report = measure(db.getBean(Loyalty.class), db.getBean(ProgrammeFigures.class), jdbc,
						members, generateOnly, reuse);
				if (!generateOnly) {
					append(reportFile, report);
				}
				report.forEach(System.out::println);
				return 0;
			}
		}
		catch (IOException ex) {
			System.err.println("Benchmark failed: " + ex.getMessage());
			return 1;
		}
	}

	private List<String> measure(Loyalty loyalty, ProgrammeFigures figures, JdbcClient jdbc, long members,
			boolean generateOnly, boolean reuse) {
		double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		List<String[]> rows = new ArrayList<>();
		Instant started = Instant.now();
		Instant now;
		if (reuse) {
			// the moment the data set was generated for, so the same lots are due
			now = jdbc.sql("SELECT max(recorded_at) FROM loyalty_movement WHERE source_id = 'bench'")
				.query(java.time.OffsetDateTime.class)
				.single()
				.toInstant();
			members = count(jdbc, "loyalty_account");
		}
		else {
			now = Instant.now();
			LoyaltyProgramme programme = loyalty.createProgramme(new ProgrammeSettings("bench", "Bench", "EUR",
					"points", new java.math.BigDecimal("0.01"), 14, ExpiryPolicy.ROLLING, 12, null,
					NegativeBalancePolicy.ALLOW, null, Map.of("base", Combination.STACK), null));
			loyalty
				.applyTierLadder("bench",
						new TierLadder(TierLadder.Measure.POINTS_EARNED, TierLadder.Window.ROLLING_12_MONTHS, 1, List
							.of(tier("SILVER", 500, "1.25"), tier("GOLD", 1000, "1.5"), tier("PLATINUM", 2000, "2"))),
						now);
			long generated = members;
			time(rows, null, "generate members, lots and ledger (SQL)", () -> {
				new LedgerDataSet(jdbc).generate(programme.id(), generated, now);
				return generated + " members, " + count(jdbc, "loyalty_movement") + " movements";
			});
			if (generateOnly) {
				jdbc.sql("CHECKPOINT").update();
				return List.of("Data set generated; time the jobs on it (or on a copy of its folder) with --reuse.");
			}
		}
		time(rows, jdbc, "activation of pending points", () -> loyalty.activatePending(now).toString());
		time(rows, jdbc, "expiry", () -> loyalty.expirePoints(now).toString());
		time(rows, jdbc, "tier re-qualification (first night: everyone)",
				() -> loyalty.requalifyTiers(now).get(0).moves().size() + " moves");
		time(rows, jdbc, "tier re-qualification (next night)",
				() -> loyalty.requalifyTiers(now.plusSeconds(86_400)).get(0).moves().size() + " moves");
		// the tier ladder page opens with the members of each tier now
		time(rows, jdbc, "members per tier (the tier ladder page)", () -> {
			TierMembers counted = loyalty.tierMembers("bench");
			return counted.tiers().stream().map((t) -> t.code() + " " + t.members()).toList() + ", no tier "
					+ counted.withoutTier();
		});
		// after the jobs, on the ledger they left: the programme's figures as the
		// analytics dashboard (one month) and the figures API by default (twelve
		// months) read them
		// the closed months are counted into the roll-up first (ADR 0061): every one on
		// the first refresh, as after an upgrade; the reads then add the current month
		YearMonth month = YearMonth.from(now.atZone(ZoneOffset.UTC));
		time(rows, jdbc, "programme figures: roll-up of the closed months (first fill)", figures::refresh);
		time(rows, jdbc, "programme figures: roll-up brought up to date (nothing new)", figures::refresh);
		time(rows, jdbc, "programme figures, one month (the analytics dashboard's)",
				() -> figures.monthly("bench", month, month).get(0).activeMembers() + " active members");
		time(rows, jdbc, "programme figures, twelve months (the figures API's default)",
				() -> figures.monthly("bench", month.minusMonths(11), month).size() + " months");
		time(rows, jdbc, "programme figures, twelve months closed (the year before the current month)",
				() -> figures.monthly("bench", month.minusMonths(12), month.minusMonths(1)).size() + " months");
		// the lists staff act on (ADR 0078), computed on each request: the near list
		// alone
		// is one pass over the members' qualifying values, the tier-offers page reads its
		// three lists from one such pass; the expiring points aggregate the open lots
		time(rows, jdbc, "tier offers: near the next tier alone (one pass)",
				() -> loyalty.nearNextTier("bench", 10, 100).size() + " listed");
		time(rows, jdbc, "tier offers: near, better and at risk within 30 days (one pass, the tier-offers page)",
				() -> {
					TierOfferLists lists = loyalty.tierOffers("bench", 10, 30, 100);
					return lists.near().size() + " near, " + lists.better().size() + " better, " + lists.atRisk().size()
							+ " at risk";
				});
		time(rows, jdbc, "points about to expire within 30 days (the expiring page)",
				() -> loyalty.pointsExpiring("bench", 30, 100).size() + " listed");
		List<String> lines = new ArrayList<>();
		lines.add("");
		DateTimeFormatter minute = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
		// the heading names when the jobs ran; a reused data set's jobs run as of the
		// moment it was generated for, named in the method
		lines.add("## " + minute.format(started) + " — loyalty nightly jobs, "
				+ String.format(Locale.ROOT, "%,d", members) + " members");
		lines.add("");
		lines.add("Method: `java -jar target/rapport.jar bench-loyalty --members " + members + "` (`LoyaltyBenchmark`):"
				+ " a fresh embedded PostgreSQL in `data/bench-loyalty`; members, lots and 10 ledger entries per"
				+ " member generated set-based in SQL (`LedgerDataSet`, UUID v7 ids and rows in time order as the"
				+ " application writes them, ADR 0027); then the jobs timed through the facade, one transaction of"
				+ " set-based statements per range of accounts (ADR 0017); WAL per job from pg_current_wal_lsn()"
				+ " (ADR 0034), CPU time of the PostgreSQL processes per job (ADR 0037)."
				+ " The second re-qualification is the steady state; the programme figures"
				+ " are read after the jobs, not part of them: the roll-up of the closed months filled"
				+ " (`ProgrammeFigures.refresh`, ADR 0061), then `ProgrammeFigures.monthly`; then the lists staff act"
				+ " on (ADR 0078), as of the machine's clock."
				+ (reuse ? " Jobs timed on a copy of a data set generated before (`--reuse`), as of the moment it was"
						+ " generated for (" + minute.format(now) + ")." : ""));
		lines.add("");
		lines.add(String.format(Locale.ROOT, "Machine: %d cores, %s, Java %s, %s. Load average at start: %.2f.",
				Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), Runtime.version(),
				jdbc.sql("SELECT version()").query(String.class).single().replaceAll(",.*", ""), load));
		lines.add("");
		lines.add("| step | seconds | result |");
		lines.add("|---|---:|---|");
		rows.forEach((r) -> lines.add("| " + r[0] + " | " + r[1] + " | " + r[2].replace("|", "/") + " |"));
		return lines;
	}

	/**
	 * Times a step and, with {@code jdbc}, measures the WAL it wrote (less noisy than
	 * time on a shared machine: it does not depend on the load) and the load average
	 * after it.
	 */
	private static void time(List<String[]> rows, JdbcClient jdbc, String step, Supplier<String> work) {
		String lsn = (jdbc != null) ? jdbc.sql("SELECT pg_current_wal_lsn()::text").query(String.class).single() : null;
		long cpu = (jdbc != null) ? postgresCpu(jdbc) : 0;
		long jvmCpu = jvmCpu();
		long start = System.nanoTime();
		String result = work.get();
		double seconds = (System.nanoTime() - start) / 1e9;
		if (jdbc != null) {
			double cpuSeconds = (postgresCpu(jdbc) - cpu) / 1e9;
			double jvmSeconds = (jvmCpu() - jvmCpu) / 1e9;
			long wal = jdbc.sql("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), CAST(? AS pg_lsn))::bigint")
				.param(lsn)
				.query(Long.class)
				.single();
			result += String.format(Locale.ROOT,
					"; WAL %.0f MB; PostgreSQL CPU %.1f s; JVM CPU %.1f s; load average after %.2f", wal / 1e6,
					cpuSeconds, jvmSeconds,
					java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
		}
		System.out.printf(Locale.ROOT, "%s: %.1f s (%s)%n", step, seconds, result);
		rows.add(new String[] { step, String.format(Locale.ROOT, "%.1f", seconds), result });
	}

	/**
	 * The CPU time of the embedded PostgreSQL's processes (the postmaster, named by the
	 * first line of its {@code postmaster.pid}, and its backends, the checkpointer and
	 * the WAL writer among them): less dependent on other work on a shared machine than
	 * the wall time. Backends that ended in between are missed (the jobs' connections
	 * stay open). Zero when it cannot be read.
	 */
	private static long postgresCpu(JdbcClient jdbc) {
		try {
			Path dir = Path.of(jdbc.sql("SHOW data_directory").query(String.class).single());
			long pid = Long.parseLong(Files.readAllLines(dir.resolve("postmaster.pid")).get(0).strip());
			return ProcessHandle.of(pid)
				.map((postmaster) -> Stream.concat(Stream.of(postmaster), postmaster.descendants())
					.mapToLong((p) -> p.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L))
					.sum())
				.orElse(0L);
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	/**
	 * The CPU time of this JVM (the jobs' Java side: lists, plans, events), next to the
	 * database's.
	 */
	private static long jvmCpu() {
		return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
	}

	private static long count(JdbcClient jdbc, String table) {
		return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
	}

	private static Tier tier(String code, int threshold, String multiplier) {
		return new Tier(code, code, java.math.BigDecimal.valueOf(threshold), new java.math.BigDecimal(multiplier),
				java.math.BigDecimal.ZERO, false, null);
	}

	private ConfigurableApplicationContext start(Path dir) {
		Class<?> application = this.context.getBeansWithAnnotation(SpringBootApplication.class)
			.values()
			.stream()
			.map(ClassUtils::getUserClass)
			.findFirst()
			.orElseThrow();
		System.out.println("Starting on a fresh database in " + dir.toAbsolutePath());
		return new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
			.run("--rapport.embedded-db.dir=" + dir.resolve("postgres").toAbsolutePath(),
					"--rapport.cli.command=bench-loyalty-db", "--rapport.demo.enabled=false",
					"--rapport.loyalty.jobs-cron=-", "--logging.level.root=warn", "--logging.level.org.rapport=warn");
	}

	private static void append(Path file, List<String> lines) throws IOException {
		if (file.getParent() != null) {
			Files.createDirectories(file.getParent());
		}
		Files.write(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
	}

	private static void wipe(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

	private static String option(String[] args, String name, String fallback) {
		for (int i = 0; i < args.length - 1; i++) {
			if (args[i].equals("--" + name)) {
				return args[i + 1];
			}
		}
		return fallback;
	}

}
