package org.rapport.demo;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where the benchmark's JVM spends its CPU over a timed run, by kind of thread: the
 * server's request threads (Tomcat), the benchmark's own client threads, the event
 * listeners, other Java threads, and what is left of the process's CPU — the JIT
 * compilers, the garbage collector and the VM's own threads, which are no Java threads.
 * The clients share the JVM (and the two cores) with the server they measure; this shows
 * how much of the JVM's CPU per call is theirs (ADR 0035).
 */
final class ThreadCpu {

	/** Per kind of thread, CPU nanoseconds; "JIT, GC and VM" is the process's rest. */
	record Snapshot(Map<String, Long> byKind, long process, long compilationMillis) {
	}

	static final String REQUESTS = "server request threads (Tomcat)";

	static final String CLIENTS = "benchmark clients";

	static final String LISTENERS = "event listeners and completions";

	static final String OTHER = "other Java threads";

	static final String REST = "JIT compilers, GC and VM threads";

	private ThreadCpu() {
	}

	static Snapshot take() {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		Map<String, Long> byKind = new LinkedHashMap<>();
		for (String kind : new String[] { REQUESTS, CLIENTS, LISTENERS, OTHER }) {
			byKind.put(kind, 0L);
		}
		long javaThreads = 0;
		if (threads.isThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled()) {
			for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
				if (info == null) {
					continue;
				}
				long cpu = threads.getThreadCpuTime(info.getThreadId());
				if (cpu > 0) {
					byKind.merge(kind(info.getThreadName()), cpu, Long::sum);
					javaThreads += cpu;
				}
			}
		}
		long process = (ManagementFactory
			.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) ? os.getProcessCpuTime()
					: 0;
		byKind.put(REST, Math.max(0, process - javaThreads));
		CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
		long compilation = (jit != null && jit.isCompilationTimeMonitoringSupported()) ? jit.getTotalCompilationTime()
				: 0;
		return new Snapshot(byKind, process, compilation);
	}

	static String kind(String threadName) {
		if (threadName.startsWith("http-nio")) {
			return REQUESTS;
		}
		if (threadName.startsWith("bench-client")) {
			return CLIENTS;
		}
		if (threadName.startsWith("task-") || threadName.startsWith("event-")) {
			return LISTENERS;
		}
		return OTHER;
	}

	/**
	 * One sentence: the JVM's CPU per call between the two snapshots, by kind of thread.
	 * Threads that ended in between are missing from the Java threads and counted in the
	 * rest.
	 */
	static String describe(Snapshot before, Snapshot after, long calls) {
		long per = Math.max(1, calls);
		long total = after.process() - before.process();
		StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
				"JVM CPU over the measured window by thread, per call (%,d calls): %.2f ms in all", calls,
				total / (double) per / 1e6));
		for (Map.Entry<String, Long> kind : after.byKind().entrySet()) {
			long cpu = kind.getValue() - before.byKind().getOrDefault(kind.getKey(), 0L);
			text.append(String.format(Locale.ROOT, "; %s %.2f ms (%.0f %%)", kind.getKey(), cpu / (double) per / 1e6,
					total > 0 ? 100.0 * cpu / total : 0));
		}
		text.append(String.format(Locale.ROOT,
				" — compilation time the JIT reports for the window (summed over its threads, waits included): "
						+ "%,d ms.",
				after.compilationMillis() - before.compilationMillis()));
		return text.toString();
	}

}
