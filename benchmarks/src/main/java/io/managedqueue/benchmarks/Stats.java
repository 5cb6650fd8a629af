package io.managedqueue.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.managedqueue.testing.Resp;

/** Percentiles, CPU and command-count snapshots, computed the way bench.mjs computes them. */
final class Stats {

    private Stats() {
    }

    /** {@code round(x, d)} of bench.mjs: half-up to {@code d} decimals, null for NaN. */
    static Double round(double x, int d) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return null;
        }
        return BigDecimal.valueOf(x).setScale(d, RoundingMode.HALF_UP).doubleValue();
    }

    /** Same index rule as bench.mjs: sorted ascending, {@code ceil(p/100 * n) - 1}, clamped. */
    static double pct(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int idx = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
        return sorted[idx];
    }

    static Json.Obj summary(double[] values, int d) {
        double[] s = values.clone();
        Arrays.sort(s);
        double sum = 0;
        for (double v : s) {
            sum += v;
        }
        return Json.obj()
                .with("count", s.length)
                .with("min", round(pct(s, 0), d))
                .with("p50", round(pct(s, 50), d))
                .with("p95", round(pct(s, 95), d))
                .with("p99", round(pct(s, 99), d))
                .with("max", round(pct(s, 100), d))
                .with("mean", round(sum / Math.max(1, s.length), d));
    }

    // ------------------------------------------------------------------ CPU ------

    /** CPU seconds of Redis and of this JVM, wall seconds, /proc/stat jiffies and GC totals at one instant. */
    record CpuSnap(double redis, double jvm, double wall, long[] stat, long gcCount, long gcMillis, long contextSwitches,
                   Map<String, Long> commands) {
    }

    /**
     * Context switches of this JVM's live threads so far (Linux, {@code /proc/self/task/N/status}): each hand-off
     * of a job between threads costs at least one, so switches per job show how many hops a job takes.
     */
    static long contextSwitches() {
        long sum = 0;
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
                            sum += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                } catch (Exception threadEnded) {
                    // the thread ended meanwhile
                }
            }
        } catch (Exception e) {
            return -1;
        }
        return sum;
    }

    private static final Pattern CPU_USER = Pattern.compile("^used_cpu_user:([\\d.]+)", Pattern.MULTILINE);
    private static final Pattern CPU_SYS = Pattern.compile("^used_cpu_sys:([\\d.]+)", Pattern.MULTILINE);

    static CpuSnap cpuSnap(Resp redis) {
        String info = redis.info("cpu");
        double r = group(CPU_USER, info) + group(CPU_SYS, info);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long gcCount = 0;
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        return new CpuSnap(r, os.getProcessCpuTime() / 1e9, System.nanoTime() / 1e9, procStat(), gcCount, gcMillis,
                contextSwitches(), commandstats(redis));
    }

    private static double group(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** System-wide [total, steal, idle + iowait] jiffies (Linux only). */
    static long[] procStat() {
        try {
            String first = Files.readAllLines(Path.of("/proc/stat")).get(0).trim();
            String[] f = first.split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            return new long[] {total, f.length > 8 ? Long.parseLong(f[8]) : 0, Long.parseLong(f[4]) + Long.parseLong(f[5])};
        } catch (Exception e) {
            return new long[] {0, 0, 0};
        }
    }

    /**
     * Cores busy machine-wide (everything: this JVM, Redis and whatever else runs on the host), from the non-idle
     * jiffies of /proc/stat (USER_HZ 100) over the wall time; idle jiffies are not used, a tickless kernel books
     * them late.
     */
    static Double hostBusy(long[] a, long[] b, double wallSeconds) {
        long busy = (b[0] - a[0]) - (b[2] - a[2]);
        return b[0] > a[0] && wallSeconds > 0 ? round(busy / 100.0 / wallSeconds, 2) : null;
    }

    static Double stealPct(long[] a, long[] b) {
        return b[0] > a[0] ? round(100.0 * (b[1] - a[1]) / (b[0] - a[0]), 1) : null;
    }

    /**
     * The keys of bench.mjs ({@code redis_cpu_util}, {@code steal_pct}) plus ours: {@code jvm_cpu_util} (the
     * counterpart of {@code node_cpu_util}), CPU milliseconds per job of the JVM and of Redis, and GC activity.
     */
    static Json.Obj cpuUtil(CpuSnap a, CpuSnap b, long jobs) {
        double wall = b.wall - a.wall;
        Json.Obj o = Json.obj()
                .with("redis_cpu_util", round((b.redis - a.redis) / wall, 2))
                .with("jvm_cpu_util", round((b.jvm - a.jvm) / wall, 2))
                .with("steal_pct", stealPct(a.stat, b.stat))
                .with("host_busy_cores", hostBusy(a.stat, b.stat, wall));
        if (jobs > 0) {
            o.with("jvm_cpu_ms_per_job", round(1000 * (b.jvm - a.jvm) / jobs, 4))
                    .with("redis_cpu_ms_per_job", round(1000 * (b.redis - a.redis) / jobs, 4));
            if (a.contextSwitches >= 0 && b.contextSwitches >= 0) {
                // threads that ended inside the window drop out of the sum: a lower bound
                o.with("jvm_context_switches_per_job", round((double) (b.contextSwitches - a.contextSwitches) / jobs, 2));
            }
        }
        o.with("gc_count", b.gcCount - a.gcCount).with("gc_ms", b.gcMillis - a.gcMillis);
        if (jobs > 0) {
            o.withAll(commandsPerJob(diff(a.commands, b.commands), jobs));
        }
        return o;
    }

    /**
     * What Redis ran per job in a window, from its own {@code INFO commandstats}: every command (those a script
     * calls too), the scripts, and the {@code WAIT}s of replica acknowledgement. Deterministic where the
     * throughput is noisy; the snapshots' own {@code INFO} calls are left out.
     */
    static Json.Obj commandsPerJob(Map<String, Long> diff, long jobs) {
        long total = diff.entrySet().stream().filter(e -> !e.getKey().equals("info")).mapToLong(Map.Entry::getValue).sum();
        long scripts = diff.getOrDefault("evalsha", 0L) + diff.getOrDefault("eval", 0L);
        Map<String, Object> top = new LinkedHashMap<>();
        diff.entrySet().stream().filter(e -> !e.getKey().equals("info"))
                .sorted((x, y) -> Long.compare(y.getValue(), x.getValue())).limit(8)
                .forEach(e -> top.put(e.getKey(), round((double) e.getValue() / jobs, 3)));
        return Json.obj()
                .with("redis_commands_per_job", round((double) total / jobs, 3))
                .with("redis_top_commands_per_job", top)
                .with("redis_scripts_per_job", round((double) scripts / jobs, 3))
                .with("redis_waits_per_job", round((double) diff.getOrDefault("wait", 0L) / jobs, 3));
    }

    // ------------------------------------------------------- commandstats ------

    private static final Pattern CMDSTAT = Pattern.compile("^cmdstat_([^:]+):calls=(\\d+)");

    static Map<String, Long> commandstats(Resp redis) {
        Map<String, Long> m = new HashMap<>();
        for (String line : redis.info("commandstats").split("\n")) {
            Matcher r = CMDSTAT.matcher(line.trim());
            if (r.find()) {
                m.put(r.group(1), Long.parseLong(r.group(2)));
            }
        }
        return m;
    }

    static Map<String, Long> diff(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> d = new HashMap<>();
        after.forEach((k, v) -> {
            long x = v - before.getOrDefault(k, 0L);
            if (x > 0) {
                d.put(k, x);
            }
        });
        return d;
    }

    /**
     * {@code perJob} of bench.mjs (total calls, calls and script calls per job, top 12 commands), plus the
     * client-side counts of the Redisson connection when the counting hook is installed.
     */
    static Json.Obj perJob(Map<String, Long> diff, long n, ClientCounts.Snapshot client) {
        Map<String, Long> d = new HashMap<>(diff);
        d.computeIfPresent("info", (k, v) -> v - 1 == 0 ? null : v - 1); // the snapshot's own INFO
        long total = d.values().stream().mapToLong(Long::longValue).sum();
        long scripts = d.getOrDefault("evalsha", 0L) + d.getOrDefault("eval", 0L) + d.getOrDefault("fcall", 0L)
                + d.getOrDefault("evalsha_ro", 0L);
        Map<String, Object> top = new LinkedHashMap<>();
        d.entrySet().stream()
                .sorted((x, y) -> Long.compare(y.getValue(), x.getValue()))
                .limit(12)
                .forEach(e -> top.put(e.getKey(), round((double) e.getValue() / n, 3)));
        Json.Obj o = Json.obj()
                .with("total_calls", total)
                .with("calls_per_job", round((double) total / n, 2))
                .with("script_calls_per_job", round((double) scripts / n, 2))
                .with("top_per_job", top);
        if (client != null) {
            o.with("client_round_trips_per_job", round((double) client.roundTrips() / n, 3))
                    .with("client_commands_per_job", round((double) client.commands() / n, 3))
                    .with("client_round_trips", client.roundTrips());
        }
        return o;
    }

    static List<Double> asList(double... values) {
        return Arrays.stream(values).boxed().toList();
    }
}
