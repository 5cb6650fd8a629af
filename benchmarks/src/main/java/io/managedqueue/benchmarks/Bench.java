package io.managedqueue.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.managedqueue.api.Backoff;
import io.managedqueue.api.EnqueueRequest;
import io.managedqueue.api.JobAddress;
import io.managedqueue.api.ManagedQueueJob;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.api.Retention;
import io.managedqueue.extension.redis.RedisClientFactory;
import io.managedqueue.extension.redis.RedisKeys;
import io.managedqueue.testing.Resp;

/**
 * The BullMQ anchor's scenarios (shared/anchors/bullmq/bench.mjs), run against Managed Queues in
 * this JVM: producer, workers and event observers in ONE process against ONE Redis, like bench.mjs.
 *
 * <pre>
 * java -Xmx1g -cp 'target/managed-queue-benchmarks.jar:target/lib/*' io.managedqueue.benchmarks.Bench [N]
 *      [--port=6390] [--host=127.0.0.1] [--only=enqueue_seq,enqueue_bulk,enqueue_conc,process,process_roc,latency,delayed,delayed_small,retries,soak]
 *      [--lat-rate=500] [--lat-seconds=10] [--delayed-jobs=2000] [--delay-ms=1000] [--delayed-concurrency=10]
 *      [--retry-jobs=2000] [--warmup=20000] [--no-client-counts] [--telemetry] [--replica-acks=1] [--soak=1000000] [--soak-concurrency=10] [--profile=DIR] [--redisson=key=value,...] [--verbose]
 * </pre>
 *
 * One JSON object per scenario and line on stdout, with bench.mjs's keys where they exist and ours
 * beside them; progress on stderr.
 */
public final class Bench {

    static final class Options {
        int n = 20000;
        String host = "127.0.0.1";
        int port = 6390;
        Set<String> only;
        int latRate = 500;
        double latSeconds = 10;
        int delayedJobs = 2000;
        int delayMs = 1000;
        int delayedConcurrency = 10;
        int retryJobs = 2000;
        int warmup = 20000;
        boolean clientCounts = true;
        /**
         * {@code --replica-acks=N}: {@code managed-queue.redis.replica-acks} (unset: the platform's default, 0 on
         * one address). With N > 0 the Redis needs N replicas (run.sh / ab.sh {@code --replica} start one).
         */
        String replicaAcks;
        /** With an OpenTelemetry SDK bean (spans and metrics exported to nowhere): the cost of telemetry on. */
        boolean telemetry;
        long soak = 0;
        int soakConcurrency = 10;
        boolean verbose;
        /**
         * {@code --redisson=key=value,...}: extra Redisson settings for experiments on the client configuration
         * (top-level keys such as {@code referenceEnabled}, {@code nettyThreads}, {@code transportMode};
         * {@code single.<key>} for singleServerConfig). Needs the YAML path, so not with --no-client-counts.
         */
        List<String> redisson = List.of();
        /** {@code --profile=DIR}: JFR of each measured window. */
        String profileDir;
        /** A Redisson YAML with the counting hook, written at start when client counts are on. */
        String redisConfigFile;

        boolean want(String name) {
            if (name.equals("soak")) {
                return soak > 0 && (only == null || only.contains(name));
            }
            return only == null || only.contains(name);
        }
    }

    private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    private static final String RETENTION_DEFAULT = "default (1 day / 5000)";

    private final Options o;
    private final Resp redis;
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private int prefixCounter;
    private final WindowProfiler profiler;

    private Bench(Options o, Resp redis) {
        this.o = o;
        this.redis = redis;
        this.profiler = o.profileDir == null ? null : new WindowProfiler(o.profileDir);
    }

    private void profileStart(String scenario) {
        if (profiler != null) {
            profiler.start(scenario);
        }
    }

    private void profileStop() {
        if (profiler != null) {
            profiler.stop();
        }
    }

    public static void main(String[] args) throws Exception {
        Options o = parse(args);
        Platform.telemetry = o.telemetry;
        if (!o.verbose) {
            Logger.getLogger("").setLevel(Level.WARNING);
            Arrays.stream(Logger.getLogger("").getHandlers()).forEach(h -> h.setLevel(Level.WARNING));
        }
        if (o.clientCounts) {
            o.redisConfigFile = writeRedissonYaml(o).toString();
        }
        int status = 0;
        try (Resp redis = new Resp(o.host, o.port)) {
            new Bench(o, redis).run();
        } catch (Throwable t) {
            t.printStackTrace();
            status = 1;
        }
        System.exit(status); // Weld, Redisson and JSON-B leave no non-daemon thread, but be sure
    }

    private static Options parse(String[] args) {
        Options o = new Options();
        for (String a : args) {
            if (!a.startsWith("--")) {
                o.n = Integer.parseInt(a);
                continue;
            }
            String[] kv = a.substring(2).split("=", 2);
            String v = kv.length > 1 ? kv[1] : "true";
            switch (kv[0]) {
                case "n" -> o.n = Integer.parseInt(v);
                case "host" -> o.host = v;
                case "port" -> o.port = Integer.parseInt(v);
                case "only" -> o.only = Set.of(v.split(","));
                case "lat-rate" -> o.latRate = Integer.parseInt(v);
                case "lat-seconds" -> o.latSeconds = Double.parseDouble(v);
                case "delayed-jobs" -> o.delayedJobs = Integer.parseInt(v);
                case "delay-ms" -> o.delayMs = Integer.parseInt(v);
                case "delayed-concurrency" -> o.delayedConcurrency = Integer.parseInt(v);
                case "retry-jobs" -> o.retryJobs = Integer.parseInt(v);
                case "warmup" -> o.warmup = Integer.parseInt(v);
                case "no-client-counts" -> o.clientCounts = false;
                case "telemetry" -> o.telemetry = true;
                case "replica-acks" -> o.replicaAcks = Integer.toString(Integer.parseInt(v));
                case "soak" -> o.soak = Long.parseLong(v);
                case "soak-concurrency" -> o.soakConcurrency = Integer.parseInt(v);
                case "verbose" -> o.verbose = true;
                case "profile" -> o.profileDir = v;
                case "redisson" -> o.redisson = List.of(v.split(","));
                case "no-redis-benchmark" -> { } // accepted for symmetry with bench.mjs; this side never runs it
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        return o;
    }

    /**
     * The platform's Redisson client configured from YAML, to install {@link CountingNettyHook}. Same
     * server, timeout and retry attempts as the platform's defaults, and the client settings the platform
     * applies to a client built from {@code managed-queue.redis.address} (references off, native epoll
     * transport when loadable: {@code RedisClientFactory.clientDefaults}); everything else is Redisson's
     * default. {@code --redisson=} keys replace these.
     */
    private static Path writeRedissonYaml(Options o) throws IOException {
        Path file = Files.createTempFile("mq-bench-redisson-", ".yaml");
        file.toFile().deleteOnExit();
        StringBuilder yaml = new StringBuilder()
                .append("singleServerConfig:\n")
                .append("  address: \"redis://").append(o.host).append(':').append(o.port).append("\"\n")
                .append("  timeout: 3000\n")
                .append("  retryAttempts: 3\n");
        StringBuilder top = new StringBuilder("nettyHook: !<" + CountingNettyHook.class.getName() + "> {}\n");
        Map<String, String> platformDefaults = new LinkedHashMap<>();
        platformDefaults.put("referenceEnabled", "false");
        if (RedisClientFactory.nativeEpollAvailable()) {
            platformDefaults.put("transportMode", "\"EPOLL\"");
        }
        o.redisson.forEach(kv -> platformDefaults.remove(kv.split("=", 2)[0]));
        platformDefaults.forEach((k, v) -> top.append(k).append(": ").append(v).append('\n'));
        for (String kv : o.redisson) {
            String[] p = kv.split("=", 2);
            if (p[0].startsWith("single.")) {
                yaml.append("  ").append(p[0].substring(7)).append(": ").append(p[1]).append('\n');
            } else {
                top.append(p[0]).append(": ").append(p[1]).append('\n');
            }
        }
        Files.writeString(file, yaml.append(top).toString());
        return file;
    }

    // ------------------------------------------------------------------ plumbing ------

    private static void log(String message) {
        System.err.println("[" + Instant.now() + "] " + message);
    }

    private static void emit(Json.Obj obj) {
        OUT.println(Json.write(obj));
    }

    private String prefix(String tag) {
        return "mqbench-" + runId + "-" + tag + "-" + prefixCounter++;
    }

    private Map<String, String> settings(String prefix, Integer concurrency) {
        Map<String, String> s = Platform.settings(o, prefix);
        if (concurrency != null) {
            s.put("managed-queue.concurrency." + BenchHandler.PLUGIN + "/" + BenchHandler.QUEUE + "/" + BenchHandler.JOB,
                    concurrency.toString());
        }
        return s;
    }

    private static EnqueueRequest.Builder<Payload> request(Payload payload) {
        return EnqueueRequest.<Payload>builder(BenchHandler.PLUGIN, BenchHandler.QUEUE, BenchHandler.JOB)
                .payload(payload)
                .systemWide();
    }

    private long waiting(String prefix) {
        return redis.number("LLEN", new RedisKeys(prefix).waitList(
                new JobAddress(BenchHandler.PLUGIN, BenchHandler.QUEUE, BenchHandler.JOB)));
    }

    /** Deletes the scenario's keys, the counterpart of {@code queue.obliterate()}. */
    private void cleanup(String prefix) {
        redis.deleteByPattern(prefix + ":*");
    }

    private static void prefill(ManagedQueueService queue, int n, Supplier<EnqueueRequest.Builder<Payload>> options,
                                java.util.function.IntFunction<Payload> payload) {
        for (int i = 0; i < n; i += 1000) {
            List<EnqueueRequest<Payload>> batch = new ArrayList<>(1000);
            for (int j = i; j < Math.min(n, i + 1000); j++) {
                EnqueueRequest.Builder<Payload> b = options.get();
                batch.add(b.payload(payload.apply(j)).build());
            }
            queue.enqueueAll(batch);
        }
    }

    private static void await(CountDownLatch latch, long seconds, String what) {
        try {
            if (!latch.await(seconds, TimeUnit.SECONDS)) {
                throw new IllegalStateException(what + " did not finish within " + seconds + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Used heap after a full collection, in MiB. */
    private static double heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
    }

    private long timeoutSeconds(long jobs) {
        return 60 + jobs / 200;
    }

    // ------------------------------------------------------------------ run ------

    private void run() throws Exception {
        emit(env());
        double t0 = System.nanoTime();
        long[] stat0 = Stats.procStat();
        log("warm-up (" + o.warmup + " jobs)");
        warmup();

        record Step(String name, Supplier<Json.Obj> scenario) {
        }
        List<Step> plan = List.of(
                new Step("enqueue_seq", this::enqueueSequential),
                new Step("enqueue_bulk", () -> enqueueBulk(100)),
                new Step("enqueue_conc", () -> enqueueConcurrent(50)),
                new Step("process", () -> processing(1, false, false)),
                new Step("process", () -> processing(10, false, true)),
                new Step("process", () -> processing(50, false, false)),
                new Step("process_roc", () -> processing(1, true, false)),
                new Step("process_roc", () -> processing(10, true, true)),
                new Step("process_roc", () -> processing(50, true, false)),
                new Step("latency", this::latency),
                new Step("delayed", () -> delayed(o.delayedJobs, "delayed")),
                new Step("delayed_small", () -> delayed(100, "delayed_small")),
                new Step("retries", () -> retries(0)),
                new Step("retries", () -> retries(10)),
                new Step("soak", this::soak));
        for (Step step : plan) {
            if (!o.want(step.name())) {
                continue;
            }
            log("running " + step.name());
            double heapBefore = heapAfterGc();
            Json.Obj result;
            try {
                result = step.scenario().get();
            } catch (RuntimeException e) {
                log("FAILED " + step.name() + ": " + e);
                e.printStackTrace();
                result = Json.obj().with("scenario", step.name()).with("error", e.toString());
            } finally {
                Probe.listener = Probe.NONE;
                Probe.onEngineStart = () -> { };
                profileStop();
            }
            result.with("heap_mb_before", Stats.round(heapBefore, 1)).with("heap_mb_after", Stats.round(heapAfterGc(), 1));
            emit(result);
            sleep(300);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        emit(Json.obj().with("scenario", "run_meta").with("seconds", Stats.round(seconds, 1))
                .with("steal_pct", Stats.stealPct(stat0, Stats.procStat())));
        log("done in " + Stats.round(seconds, 1) + " s");
    }

    private Json.Obj env() {
        String server = redis.info("server");
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        @SuppressWarnings("unchecked")
        List<Object> hz = (List<Object>) redis.call("CONFIG", "GET", "hz");
        return Json.obj()
                .with("scenario", "env")
                .with("n", o.n)
                .with("java", System.getProperty("java.version"))
                .with("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"))
                .with("jvm_args", ManagementFactory.getRuntimeMXBean().getInputArguments())
                .with("max_heap_mb", Runtime.getRuntime().maxMemory() / 1048576)
                .with("gc", ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList())
                .with("managed_queue", jarOf("managed-queue-extension"))
                .with("redisson", org.redisson.Redisson.class.getPackage().getImplementationVersion())
                .with("redis", match("redis_version:(\\S+)", server))
                .with("redis_hz", hz.size() > 1 ? hz.get(1) : null)
                .with("cpus", Runtime.getRuntime().availableProcessors())
                .with("cpu_model", cpuModel())
                .with("mem_gib", Stats.round(os.getTotalMemorySize() / (double) (1L << 30), 1))
                .with("client_counts", o.clientCounts)
                .with("telemetry", o.telemetry)
                .with("replica_acks", o.replicaAcks)
                .with("redis_connected_replicas", match("connected_slaves:(\\d+)", redis.info("replication")))
                .with("load_average", loadAverage())
                .with("redisson_overrides", o.redisson)
                .with("warmup_jobs", o.warmup)
                .with("date", Instant.now().toString());
    }

    /** @return the host's 1, 5 and 15 minute load averages: other work on the machine skews every figure */
    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The engine jar in use and its build time, so a result names the engine it measured. */
    private static String jarOf(String artifact) {
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (entry.contains(artifact)) {
                Path p = Path.of(entry);
                try {
                    return p.getFileName() + " built " + Files.getLastModifiedTime(p).toInstant();
                } catch (IOException e) {
                    return p.getFileName().toString();
                }
            }
        }
        return null;
    }

    private static String match(String regex, String text) {
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException ignored) {
            // not Linux
        }
        return null;
    }

    // ------------------------------------------------------------------ scenarios ------

    /** Every path once before measuring: enqueue, enqueueAll, enqueueAsync, processing at c=10. */
    @SuppressWarnings("try") // the container only has to run while we wait
    private void warmup() {
        if (o.warmup <= 0) {
            return;
        }
        String prefix = prefix("warmup");
        int bulk = o.warmup * 6 / 10;
        int single = o.warmup / 5;
        int async = o.warmup - bulk - single;
        try (Platform p = Platform.boot(settings(prefix, null), false)) {
            prefill(p.queue(), bulk, () -> request(null), Payload::filler);
            for (int i = 0; i < single; i++) {
                p.queue().enqueue(request(Payload.filler(i)).build());
            }
            Semaphore inFlight = new Semaphore(50);
            for (int i = 0; i < async; i++) {
                inFlight.acquireUninterruptibly();
                p.queue().enqueueAsync(request(Payload.filler(i)).build()).whenComplete((r, e) -> inFlight.release());
            }
            inFlight.acquireUninterruptibly(50);
        }
        CountDownLatch done = new CountDownLatch(o.warmup);
        Probe.listener = new Probe.Listener() {
            @Override
            public void handle(ManagedQueueJob<Payload> job) {
            }

            @Override
            public void completed() {
                done.countDown();
            }
        };
        try (Platform p = Platform.boot(settings(prefix, 10), true)) {
            await(done, timeoutSeconds(o.warmup), "warm-up");
        } finally {
            Probe.listener = Probe.NONE;
            cleanup(prefix);
        }
    }

    private Json.Obj enqueueSequential() {
        String prefix = prefix("enq-seq");
        try (Platform p = Platform.boot(settings(prefix, null), false)) {
            ManagedQueueService queue = p.queue();
            ClientCounts.Snapshot cc = ClientCounts.snapshot();
            profileStart("enqueue_sequential");
            Stats.CpuSnap c0 = Stats.cpuSnap(redis);
            long t0 = System.nanoTime();
            for (int i = 0; i < o.n; i++) {
                queue.enqueue(request(Payload.filler(i)).build());
            }
            double dt = (System.nanoTime() - t0) / 1e9;
            profileStop();
            Json.Obj cpu = Stats.cpuUtil(c0, Stats.cpuSnap(redis), o.n);
            return enqueueResult("enqueue_sequential", dt, prefix, cpu, cc);
        } finally {
            cleanup(prefix);
        }
    }

    private Json.Obj enqueueBulk(int batchSize) {
        String prefix = prefix("enq-bulk");
        try (Platform p = Platform.boot(settings(prefix, null), false)) {
            ManagedQueueService queue = p.queue();
            ClientCounts.Snapshot cc = ClientCounts.snapshot();
            profileStart("enqueue_addBulk_100");
            Stats.CpuSnap c0 = Stats.cpuSnap(redis);
            long t0 = System.nanoTime();
            for (int i = 0; i < o.n; i += batchSize) {
                List<EnqueueRequest<Payload>> jobs = new ArrayList<>(batchSize);
                for (int j = i; j < Math.min(o.n, i + batchSize); j++) {
                    jobs.add(request(Payload.filler(j)).build());
                }
                queue.enqueueAll(jobs);
            }
            double dt = (System.nanoTime() - t0) / 1e9;
            profileStop();
            Json.Obj cpu = Stats.cpuUtil(c0, Stats.cpuSnap(redis), o.n);
            Json.Obj r = enqueueResult("enqueue_addBulk_100", dt, prefix, cpu, cc);
            r.put("batch", batchSize);
            return r;
        } finally {
            cleanup(prefix);
        }
    }

    private Json.Obj enqueueConcurrent(int inflight) {
        String prefix = prefix("enq-conc");
        try (Platform p = Platform.boot(settings(prefix, null), false)) {
            ManagedQueueService queue = p.queue();
            Semaphore slots = new Semaphore(inflight);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            ClientCounts.Snapshot cc = ClientCounts.snapshot();
            profileStart("enqueue_concurrent_50");
            Stats.CpuSnap c0 = Stats.cpuSnap(redis);
            long t0 = System.nanoTime();
            for (int i = 0; i < o.n; i++) {
                slots.acquireUninterruptibly();
                queue.enqueueAsync(request(Payload.filler(i)).build()).whenComplete((r, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                    slots.release();
                });
            }
            slots.acquireUninterruptibly(inflight);
            double dt = (System.nanoTime() - t0) / 1e9;
            profileStop();
            Json.Obj cpu = Stats.cpuUtil(c0, Stats.cpuSnap(redis), o.n);
            if (failure.get() != null) {
                throw new IllegalStateException("an enqueueAsync failed", failure.get());
            }
            Json.Obj r = enqueueResult("enqueue_concurrent_50", dt, prefix, cpu, cc);
            r.put("inflight", inflight);
            return r;
        } finally {
            cleanup(prefix);
        }
    }

    private Json.Obj enqueueResult(String scenario, double seconds, String prefix, Json.Obj cpu, ClientCounts.Snapshot cc) {
        ClientCounts.Snapshot client = ClientCounts.since(cc);
        Json.Obj r = Json.obj()
                .with("scenario", scenario)
                .with("n", o.n)
                .with("seconds", Stats.round(seconds, 3))
                .with("jobs_per_s", Math.round(o.n / seconds))
                .with("waiting_after", waiting(prefix))
                .withAll(cpu);
        if (client != null) {
            r.with("client_round_trips_per_job", Stats.round((double) client.roundTrips() / o.n, 3));
        }
        return r;
    }

    /** Pre-fill N jobs (enqueueAll x1000), then one handler with the given concurrency drains them. */
    @SuppressWarnings("try") // the container only has to run while we wait
    private Json.Obj processing(int concurrency, boolean removeOnComplete, boolean stats) {
        String prefix = prefix("proc-c" + concurrency);
        int n = o.n;
        Supplier<EnqueueRequest.Builder<Payload>> options = removeOnComplete
                ? () -> request(null).removeOnComplete(Retention.none())
                : () -> request(null);
        Map<String, Long> sBefore0 = null;
        Map<String, Long> sBefore = null;
        ClientCounts.Snapshot ccEnqueue = null;
        try {
            try (Platform p = Platform.boot(settings(prefix, null), false)) {
                if (stats) {
                    sBefore0 = Stats.commandstats(redis);
                }
                ClientCounts.Snapshot cc0 = ClientCounts.snapshot();
                prefill(p.queue(), n, options, Payload::filler);
                if (stats) {
                    sBefore = Stats.commandstats(redis);
                }
                ccEnqueue = ClientCounts.since(cc0);
            }

            AtomicIntegerArray seen = new AtomicIntegerArray(n);
            AtomicInteger duplicates = new AtomicInteger();
            AtomicInteger done = new AtomicInteger();
            AtomicLong tFirst = new AtomicLong();
            AtomicLong tLast = new AtomicLong();
            CountDownLatch finished = new CountDownLatch(1);
            Probe.listener = new Probe.Listener() {
                @Override
                public void handle(ManagedQueueJob<Payload> job) {
                    if (seen.getAndIncrement(job.data().i) > 0) {
                        duplicates.incrementAndGet();
                    }
                }

                @Override
                public void completed() {
                    long t = System.nanoTime();
                    int d = done.incrementAndGet();
                    if (d == 1) {
                        tFirst.set(t);
                    }
                    if (d == n) {
                        tLast.set(t);
                        finished.countDown();
                    }
                }
            };
            AtomicReference<Stats.CpuSnap> c0 = new AtomicReference<>();
            AtomicReference<Map<String, Long>> sProcessing0 = new AtomicReference<>();
            AtomicReference<ClientCounts.Snapshot> ccProcessing0 = new AtomicReference<>();
            Probe.onEngineStart = () -> {
                if (stats) {
                    sProcessing0.set(Stats.commandstats(redis));
                }
                ccProcessing0.set(ClientCounts.snapshot());
                c0.set(Stats.cpuSnap(redis));
                profileStart("process_c" + concurrency + (removeOnComplete ? "_removeOnComplete" : ""));
            };
            try (Platform p = Platform.boot(settings(prefix, concurrency), true)) {
                await(finished, timeoutSeconds(n), "processing");
                profileStop();
                Json.Obj cpu = Stats.cpuUtil(c0.get(), Stats.cpuSnap(redis), n);
                Map<String, Long> sAfter = stats ? Stats.commandstats(redis) : null;
                ClientCounts.Snapshot ccProcessing = ClientCounts.since(ccProcessing0.get());
                long t0 = Probe.engineStartNanos;
                Json.Obj res = Json.obj()
                        .with("scenario", "process_c" + concurrency + (removeOnComplete ? "_removeOnComplete" : ""))
                        .with("n", n)
                        .with("concurrency", concurrency)
                        .with("removeOnComplete", removeOnComplete)
                        .with("retention", removeOnComplete ? "none" : RETENTION_DEFAULT)
                        .with("jobs_per_s", Math.round((n - 1) / ((tLast.get() - tFirst.get()) / 1e9)))
                        .with("jobs_per_s_incl_startup", Math.round(n / ((tLast.get() - t0) / 1e9)))
                        .with("first_completion_ms", Stats.round((tFirst.get() - t0) / 1e6, 1))
                        .with("seconds", Stats.round((tLast.get() - t0) / 1e9, 3))
                        .with("duplicates", duplicates.get())
                        .with("handler_calls", sumOf(seen))
                        .withAll(cpu);
                if (ccProcessing != null) {
                    res.with("client_round_trips_per_job", Stats.round((double) ccProcessing.roundTrips() / n, 3));
                }
                if (stats) {
                    res.with("redis_commands_processing", Stats.perJob(Stats.diff(sProcessing0.get(), sAfter), n, ccProcessing));
                    res.with("redis_commands_enqueue_addBulk1000", Stats.perJob(Stats.diff(sBefore0, sBefore), n, ccEnqueue));
                }
                return res;
            }
        } finally {
            cleanup(prefix);
        }
    }

    private static long sumOf(AtomicIntegerArray a) {
        long s = 0;
        for (int i = 0; i < a.length(); i++) {
            s += a.get(i);
        }
        return s;
    }

    /**
     * Open loop: one enqueueAsync every 1/rate s without waiting for the previous, a c=10 handler
     * running. add_to_start = handler start - enqueueAsync call, add_ack = enqueueAsync's completion.
     */
    private Json.Obj latency() {
        String prefix = prefix("latency");
        int concurrency = 10;
        int total = (int) Math.round(o.latRate * o.latSeconds);
        double[] lat = new double[total];
        double[] ack = new double[total];
        CountDownLatch completed = new CountDownLatch(total);
        Probe.listener = new Probe.Listener() {
            @Override
            public void handle(ManagedQueueJob<Payload> job) {
                lat[job.data().i] = (System.nanoTime() - job.data().t) / 1e6;
            }

            @Override
            public void completed() {
                completed.countDown();
            }
        };
        try (Platform p = Platform.boot(settings(prefix, concurrency), true)) {
            ManagedQueueService queue = p.queue();
            sleep(200);
            CountDownLatch acked = new CountDownLatch(total);
            long interval = Math.round(1e9 / o.latRate);
            long maxLag = 0;
            profileStart("latency_open_loop");
            Stats.CpuSnap c0 = Stats.cpuSnap(redis);
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                long due = start + i * interval;
                long now;
                while ((now = System.nanoTime()) < due) {
                    LockSupport.parkNanos(due - now);
                }
                maxLag = Math.max(maxLag, now - due);
                int idx = i;
                long t = System.nanoTime();
                queue.enqueueAsync(request(Payload.timed(i, t)).removeOnComplete(Retention.ofCount(1000)).build())
                        .whenComplete((r, e) -> {
                            ack[idx] = (System.nanoTime() - t) / 1e6;
                            acked.countDown();
                        });
            }
            double sendSeconds = (System.nanoTime() - start) / 1e9;
            await(acked, 60, "latency acks");
            await(completed, 60, "latency jobs");
            profileStop();
            Json.Obj cpu = Stats.cpuUtil(c0, Stats.cpuSnap(redis), total);
            return Json.obj()
                    .with("scenario", "latency_open_loop")
                    .with("rate_per_s", o.latRate)
                    .with("seconds", o.latSeconds)
                    .with("jobs", total)
                    .with("achieved_send_rate", Math.round(total / sendSeconds))
                    .with("max_schedule_lag_ms", Stats.round(maxLag / 1e6, 2))
                    .with("worker_concurrency", concurrency)
                    .with("add_to_start_ms", Stats.summary(lat, 2))
                    .with("add_ack_ms", Stats.summary(ack, 2))
                    .withAll(cpu);
        } finally {
            cleanup(prefix);
        }
    }

    /**
     * {@code count} jobs with a delay (enqueueAll x100) while a handler waits; lateness = handler start -
     * (producer's clock before the batch + delay), as bench.mjs's job.timestamp + delay.
     */
    private Json.Obj delayed(int count, String tag) {
        String prefix = prefix(tag);
        int concurrency = o.delayedConcurrency;
        long delay = o.delayMs;
        double[] lateness = new double[count];
        double[] latenessRedis = new double[count];
        CountDownLatch completed = new CountDownLatch(count);
        Probe.listener = new Probe.Listener() {
            @Override
            public void handle(ManagedQueueJob<Payload> job) {
                long now = System.currentTimeMillis();
                lateness[job.data().i] = now - (job.data().t + delay);
                latenessRedis[job.data().i] = now - (job.enqueuedAt().toEpochMilli() + delay);
            }

            @Override
            public void completed() {
                completed.countDown();
            }
        };
        try (Platform p = Platform.boot(settings(prefix, concurrency), true)) {
            ManagedQueueService queue = p.queue();
            sleep(200);
            profileStart(tag);
            long t0 = System.nanoTime();
            for (int i = 0; i < count; i += 100) {
                long ts = System.currentTimeMillis();
                List<EnqueueRequest<Payload>> jobs = new ArrayList<>(100);
                for (int j = i; j < Math.min(count, i + 100); j++) {
                    jobs.add(request(Payload.timed(j, ts)).delay(Duration.ofMillis(delay)).build());
                }
                queue.enqueueAll(jobs);
            }
            double enqueueMs = (System.nanoTime() - t0) / 1e6;
            await(completed, 60 + delay / 1000, tag);
            double totalMs = (System.nanoTime() - t0) / 1e6;
            profileStop();
            return Json.obj()
                    .with("scenario", tag)
                    .with("jobs", count)
                    .with("delay_ms", delay)
                    .with("worker_concurrency", concurrency)
                    .with("enqueue_span_ms", Stats.round(enqueueMs, 1))
                    .with("total_ms", Stats.round(totalMs, 1))
                    .with("lateness_ms", Stats.summary(lateness, 1))
                    .with("lateness_vs_redis_enqueued_at_ms", Stats.summary(latenessRedis, 1));
        } finally {
            cleanup(prefix);
        }
    }

    /** N jobs pre-filled with attempts 3 and a fixed backoff; the handler fails attempt 1 and succeeds on 2. */
    @SuppressWarnings("try") // the container only has to run while we wait
    private Json.Obj retries(long backoffMillis) {
        String prefix = prefix("retry-" + backoffMillis);
        int count = o.retryJobs;
        int concurrency = 10;
        try {
            try (Platform p = Platform.boot(settings(prefix, null), false)) {
                prefill(p.queue(), count, () -> request(null).attempts(3).backoff(Backoff.fixed(Duration.ofMillis(backoffMillis))),
                        Payload::filler);
            }
            AtomicIntegerArray attempts = new AtomicIntegerArray(count);
            AtomicInteger failedEvents = new AtomicInteger();
            CountDownLatch completed = new CountDownLatch(count);
            Probe.listener = new Probe.Listener() {
                @Override
                public void handle(ManagedQueueJob<Payload> job) {
                    attempts.incrementAndGet(job.data().i);
                    if (job.attemptsMade() == 1) {
                        throw new IllegalStateException("fail first attempt");
                    }
                }

                @Override
                public void completed() {
                    completed.countDown();
                }

                @Override
                public void retryScheduled() {
                    failedEvents.incrementAndGet();
                }
            };
            Probe.onEngineStart = () -> profileStart("retries_backoff_fixed_" + backoffMillis + "ms");
            try (Platform p = Platform.boot(settings(prefix, concurrency), true)) {
                await(completed, timeoutSeconds(count * 2L), "retries");
                profileStop();
                double ms = (System.nanoTime() - Probe.engineStartNanos) / 1e6;
                Map<String, Object> hist = new TreeMap<>();
                for (int i = 0; i < count; i++) {
                    hist.merge(Integer.toString(attempts.get(i)), 1, (a, b) -> (Integer) a + (Integer) b);
                }
                return Json.obj()
                        .with("scenario", "retries_backoff_fixed_" + backoffMillis + "ms")
                        .with("jobs", count)
                        .with("attempts", 3)
                        .with("backoff_ms", backoffMillis)
                        .with("worker_concurrency", concurrency)
                        .with("total_ms", Stats.round(ms, 1))
                        .with("completed_jobs_per_s", Math.round(count / (ms / 1000)))
                        .with("processor_calls_histogram", hist)
                        .with("failed_events", failedEvents.get());
            }
        } finally {
            cleanup(prefix);
        }
    }

    /**
     * Ours only: {@code --soak=N} jobs through one c=10 handler with the default retention while a producer
     * keeps at most 20,000 jobs waiting; the used heap after a full GC is sampled ten times.
     */
    private Json.Obj soak() {
        String prefix = prefix("soak");
        long total = o.soak;
        int concurrency = o.soakConcurrency;
        AtomicLong done = new AtomicLong();
        CountDownLatch finished = new CountDownLatch(1);
        Probe.listener = new Probe.Listener() {
            @Override
            public void handle(ManagedQueueJob<Payload> job) {
            }

            @Override
            public void completed() {
                if (done.incrementAndGet() == total) {
                    finished.countDown();
                }
            }
        };
        List<Object> samples = new ArrayList<>();
        try (Platform p = Platform.boot(settings(prefix, concurrency), true)) {
            ManagedQueueService queue = p.queue();
            Stats.CpuSnap c0 = Stats.cpuSnap(redis);
            long t0 = System.nanoTime();
            long sampleEvery = Math.max(1, total / 10);
            long nextSample = 0;
            long enqueued = 0;
            long deadline = t0 + TimeUnit.SECONDS.toNanos(timeoutSeconds(total));
            while (enqueued < total || done.get() < total) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("soak did not finish in time: " + done.get() + " of " + total);
                }
                if (done.get() >= nextSample) {
                    samples.add(soakSample(done.get(), t0));
                    nextSample += sampleEvery;
                }
                if (enqueued < total && enqueued - done.get() < 20000) {
                    int batch = (int) Math.min(1000, total - enqueued);
                    List<EnqueueRequest<Payload>> jobs = new ArrayList<>(batch);
                    for (int j = 0; j < batch; j++) {
                        jobs.add(request(Payload.filler((int) (enqueued + j))).build());
                    }
                    queue.enqueueAll(jobs);
                    enqueued += batch;
                } else {
                    sleep(2);
                }
            }
            await(finished, 10, "soak");
            double seconds = (System.nanoTime() - t0) / 1e9;
            Json.Obj cpu = Stats.cpuUtil(c0, Stats.cpuSnap(redis), total);
            samples.add(soakSample(done.get(), t0));
            return Json.obj()
                    .with("scenario", "soak")
                    .with("jobs", total)
                    .with("worker_concurrency", concurrency)
                    .with("retention", RETENTION_DEFAULT)
                    .with("seconds", Stats.round(seconds, 1))
                    .with("jobs_per_s", Math.round(total / seconds))
                    .with("samples", samples)
                    .withAll(cpu);
        } finally {
            cleanup(prefix);
        }
    }

    private Json.Obj soakSample(long done, long t0) {
        String memory = redis.info("memory");
        String keyspace = redis.info("keyspace");
        return Json.obj()
                .with("jobs_done", done)
                .with("elapsed_s", Stats.round((System.nanoTime() - t0) / 1e9, 1))
                .with("heap_mb_after_gc", Stats.round(heapAfterGc(), 1))
                .with("redis_used_memory_mb", Stats.round(Long.parseLong(match("^used_memory:(\\d+)", memory)) / 1048576.0, 1))
                .with("redis_keys", match("keys=(\\d+)", keyspace));
    }
}
