package io.managedqueue.reliability;

import static io.managedqueue.reliability.support.Reliability.seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.managedqueue.api.Backoff;
import io.managedqueue.api.EnqueueRequest;
import io.managedqueue.api.EnqueueResult;
import io.managedqueue.api.JobSnapshot;
import io.managedqueue.api.ManagedQueueJob;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.api.PluginJobHandler;
import io.managedqueue.api.PluginJobProcessor;
import io.managedqueue.api.Retention;
import io.managedqueue.reliability.support.Figures;
import io.managedqueue.reliability.support.InProcess;
import io.managedqueue.reliability.support.RedisNode;
import io.managedqueue.reliability.support.Reliability;
import io.managedqueue.reliability.support.Settings;
import io.managedqueue.reliability.worker.Work;
import io.managedqueue.testing.Resp;

/**
 * Scenario 6: thousands of random {@link EnqueueRequest}s from a seeded {@link Random} (names, ids,
 * tenants, delays, attempts, backoff, retention, payloads of odd types and sizes), sent one by one,
 * asynchronously and in {@code enqueueAll} batches. Each is either accepted, and later processed (or
 * visibly waiting when no handler exists or it is delayed), or refused with an
 * {@link IllegalArgumentException} naming the field; a refused call leaves Redis exactly as it was: no
 * write reached Redis (its dirty counter, {@code rdb_changes_since_last_save}, and {@code DBSIZE} are
 * unchanged) and, for every 25th refused call, the {@code DEBUG DIGEST} of the whole dataset of this
 * test's own Redis is the same before and after.
 * Seed and count: {@code -Dreliability.fuzz.seed}, {@code -Dreliability.fuzz.requests}.
 */
@Tag(Reliability.TAG)
class FuzzedInputReliabilityTest {

    static final String PLUGIN = "@fuzz/p";
    static final String QUEUE = "fuzz.q";
    static final int MAX_BYTES = 2048;
    static final long RUN_SOON_MILLIS = 1500;
    static final Map<String, AtomicInteger> SEEN = new ConcurrentHashMap<>();
    static final List<String> FIELDS = List.of("pluginName", "queueName", "jobName", "tenantId", "organizationId", "userId",
            "scopeKey", "jobId", "delay", "attempts", "payload", "backoff", "retention", "requests[");

    @ApplicationScoped
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "a", concurrency = 8)
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "b", concurrency = 8)
    public static class FuzzHandler implements PluginJobHandler<Object> {
        @Override
        public void handle(ManagedQueueJob<Object> job) {
            SEEN.computeIfAbsent(job.id(), k -> new AtomicInteger()).incrementAndGet();
        }
    }

    /** A payload that refers to itself: JSON-B cannot serialise it. */
    public static class Cycle {
        public Cycle next = this;
    }

    /** A payload whose property cannot be read. */
    public static class ThrowingGetter {
        public String getValue() {
            throw new IllegalStateException("unreadable property");
        }
    }

    public record Point(int x, String label) {
    }

    enum Expect { ACCEPT, REFUSE, EITHER }

    /** One generated request: how to build it, what the rules say about it, and what happens to it once accepted. */
    record Spec(int n, String description, Supplier<EnqueueRequest<?>> builder, Expect expect, boolean handled, long delayMillis,
                boolean completedMayBeRemoved) {
    }

    /** What the platform did. */
    record Outcome(String kind, String detail) {
    }

    @Test
    void randomRequestsAreAcceptedAndProcessedOrRefusedWithoutATrace() throws Throwable {
        // a thread with a small stack: payloads JSON-B cannot serialise (cycles) end in a StackOverflowError,
        // which is far cheaper to reach on 512 KiB than on the main thread's 8 MiB
        Throwable[] failure = new Throwable[1];
        Thread fuzz = new Thread(null, () -> {
            try {
                fuzz();
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "reliability-fuzz", 512 * 1024);
        fuzz.start();
        fuzz.join(seconds(600).toMillis());
        if (fuzz.isAlive()) {
            fuzz.interrupt();
            throw new AssertionError("fuzzing did not finish in time");
        }
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    private void fuzz() throws Exception {
        Figures figures = new Figures("6-fuzzed-input");
        long testStart = System.nanoTime();
        long seed = Long.getLong("reliability.fuzz.seed", 20261124L);
        int count = Integer.getInteger("reliability.fuzz.requests", 3000);
        SEEN.clear();
        RedisNode redis = RedisNode.start("fuzz");
        InProcess producer = null;
        InProcess worker = null;
        try (Resp inspect = redis.connect()) {
            Settings settings = Settings.of(redis, "rel-fuzz").with("managed-queue.payload.max-bytes", String.valueOf(MAX_BYTES));
            producer = InProcess.start(settings.producerOnly().map(), false);
            ManagedQueueService queue = producer.queue();
            Random random = new Random(seed);

            Map<String, Long> outcomes = new TreeMap<>();
            List<String> violations = new ArrayList<>();
            Map<String, Spec> mustComplete = new LinkedHashMap<>();
            Map<String, Spec> mustWait = new LinkedHashMap<>();
            int refusedUnchanged = 0;
            int digestChecks = 0;
            int dedupWithWrites = 0;
            List<Spec> batch = new ArrayList<>();

            // a targeted case first (defect D1): a batch whose first request is for an address this service never saw
            List<List<Spec>> calls = new ArrayList<>();
            calls.add(List.of(
                    new Spec(-2, "fresh address", () -> EnqueueRequest.builder(PLUGIN, QUEUE, "fresh-address").tenantId("t1").build(),
                            Expect.ACCEPT, false, 0, false),
                    new Spec(-1, "payload too large", () -> EnqueueRequest.builder(PLUGIN, QUEUE, "a").tenantId("t1")
                            .payload("x".repeat(MAX_BYTES)).build(), Expect.REFUSE, true, 0, false)));
            for (int n = 0; n < count; n++) {
                Spec spec = generate(n, random);
                int mode = random.nextInt(100);
                if (mode < 15 || !batch.isEmpty()) {
                    batch.add(spec);
                    if (batch.size() >= 2 + random.nextInt(5)) {
                        calls.add(List.copyOf(batch));
                        batch.clear();
                    }
                } else {
                    calls.add(List.of(spec));
                }
            }
            if (!batch.isEmpty()) {
                calls.add(List.copyOf(batch));
            }

            int requests = 0;
            for (List<Spec> call : calls) {
                requests += call.size();
                boolean async = call.size() == 1 && random.nextInt(100) < 15;
                String mode = call.size() > 1 ? "enqueueAll" : async ? "enqueueAsync" : "enqueue";
                Expect expect = combine(call);
                boolean fullDigest = calls.indexOf(call) % 25 == 0;
                String before = fullDigest ? inspect.digest() : null;
                long dirtyBefore = dirty(inspect);
                long keysBefore = inspect.number("DBSIZE");
                Outcome outcome;
                List<EnqueueResult> results = List.of();
                try {
                    List<EnqueueRequest<?>> built = new ArrayList<>();
                    for (Spec s : call) {
                        built.add(s.builder().get());
                    }
                    if (call.size() > 1) {
                        results = queue.enqueueAll(built);
                    } else if (async) {
                        results = List.of(queue.enqueueAsync(built.get(0)).toCompletableFuture().get(30, TimeUnit.SECONDS));
                    } else {
                        results = List.of(queue.enqueue(built.get(0)));
                    }
                    outcome = new Outcome("accepted", null);
                } catch (IllegalArgumentException e) {
                    outcome = e instanceof NumberFormatException ? new Outcome("unexpected " + e.getClass().getName(), e.getMessage())
                            : new Outcome("refused", e.getMessage());
                } catch (java.util.concurrent.ExecutionException e) {
                    outcome = new Outcome("unexpected async " + e.getCause().getClass().getName(), e.getCause().getMessage());
                } catch (Exception | StackOverflowError e) {
                    outcome = new Outcome("unexpected " + e.getClass().getName(), e.getMessage());
                }
                outcomes.merge(mode + " " + outcome.kind(), 1L, Long::sum);
                String what = mode + " " + call.stream().map(Spec::description).toList();
                switch (outcome.kind()) {
                    case "refused" -> {
                        long writes = dirty(inspect) - dirtyBefore;
                        long keysAfter = inspect.number("DBSIZE");
                        boolean digestChanged = fullDigest && !inspect.digest().equals(before);
                        if (fullDigest) {
                            digestChecks++;
                        }
                        if (writes != 0 || digestChanged || keysAfter != keysBefore) {
                            violations.add("refused but Redis changed (" + writes + " writes, keys " + keysBefore + " -> " + keysAfter + "): " + what
                                    + " -> " + outcome.detail());
                        } else {
                            refusedUnchanged++;
                        }
                        if (outcome.detail() == null || FIELDS.stream().noneMatch(outcome.detail()::contains)) {
                            violations.add("refused without naming the field: " + what + " -> " + outcome.detail());
                        }
                        if (expect == Expect.ACCEPT) {
                            violations.add("valid request refused: " + what + " -> " + outcome.detail());
                        }
                    }
                    case "accepted" -> {
                        if (expect == Expect.REFUSE) {
                            violations.add("invalid request accepted: " + what);
                        }
                        boolean anyCreated = false;
                        for (int i = 0; i < results.size(); i++) {
                            EnqueueResult r = results.get(i);
                            Spec s = call.get(i);
                            if (!r.created()) {
                                continue;
                            }
                            anyCreated = true;
                            if (s.handled() && s.delayMillis() <= RUN_SOON_MILLIS) {
                                mustComplete.put(r.jobId(), s);
                            } else {
                                mustWait.put(r.jobId(), s);
                            }
                        }
                        if (!anyCreated && dirty(inspect) != dirtyBefore) {
                            dedupWithWrites++;
                        }
                    }
                    default -> violations.add(outcome.kind() + ": " + what + " -> " + outcome.detail());
                }
            }

            // ---- process what was accepted
            worker = InProcess.start(settings.map(), false, FuzzHandler.class);
            ManagedQueueService workerQueue = worker.queue();
            long processStart = System.nanoTime();
            await("accepted jobs processed").atMost(seconds(90)).pollInterval(Duration.ofMillis(250))
                    .until(() -> mustComplete.keySet().stream().allMatch(SEEN::containsKey));
            long processMillis = (System.nanoTime() - processStart) / 1_000_000;
            Map<String, Long> finalStates = new TreeMap<>();
            boolean anyCustomRetention = mustComplete.values().stream().anyMatch(Spec::completedMayBeRemoved);
            for (Map.Entry<String, Spec> e : mustComplete.entrySet()) {
                String state = state(workerQueue, e.getKey(), violations);
                finalStates.merge("processed " + state, 1L, Long::sum);
                // MISSING: pruned by retention, which applies per address: a job finishing with a small
                // removeOnComplete prunes the address's older completed jobs too
                if (!"COMPLETED".equals(state) && !("MISSING".equals(state) && anyCustomRetention)) {
                    violations.add("accepted job not COMPLETED (" + state + "): " + e.getValue().description());
                }
                if (SEEN.get(e.getKey()).get() != 1) {
                    violations.add("accepted job handled " + SEEN.get(e.getKey()).get() + " times: " + e.getValue().description());
                }
            }
            for (Map.Entry<String, Spec> e : mustWait.entrySet()) {
                String state = state(workerQueue, e.getKey(), violations);
                finalStates.merge((e.getValue().handled() ? "delayed " : "no handler ") + state, 1L, Long::sum);
                Optional<JobSnapshot> s = safeGet(workerQueue, e.getKey());
                if (!("WAITING".equals(state) || "DELAYED".equals(state)) || s.map(JobSnapshot::attemptsMade).orElse(0) != 0) {
                    violations.add("accepted job neither processed nor visibly waiting (" + state + "): " + e.getValue().description());
                }
            }

            figures.put("seed / requests / calls", seed + " / " + requests + " / " + calls.size())
                    .put("outcomes by call", outcomes)
                    .put("refused calls that left Redis unchanged (no write, same DBSIZE)", refusedUnchanged)
                    .put("of which also compared by DEBUG DIGEST of the whole dataset", digestChecks)
                    .put("accepted jobs that must run (handled, due within 1.5 s)", mustComplete.size())
                    .put("accepted jobs that must wait (no handler, or delayed)", mustWait.size())
                    .put("states after processing", finalStates)
                    .put("processing of the accepted jobs, ms", processMillis)
                    .put("deduplicated calls that still wrote (report only)", dedupWithWrites)
                    .put("violations", violations.size())
                    .put("first violations", violations.stream().limit(12).toList())
                    .put("test wall time, s", (System.nanoTime() - testStart) / 1_000_000_000);
            figures.report();
            writeViolations(violations);

            assertThat(violations).as("fuzzing violations (seed " + seed + ")").isEmpty();
        } finally {
            if (worker != null) {
                worker.close();
            }
            if (producer != null) {
                producer.close();
            }
            redis.close();
        }
    }

    /** @return Redis's count of writes since the last save (never reset here: no RDB saves) */
    private static long dirty(Resp inspect) {
        return Long.parseLong(inspect.info("persistence", "rdb_changes_since_last_save"));
    }

    private static void writeViolations(List<String> violations) {
        try {
            java.nio.file.Path file = Reliability.workDir().resolve("figures").resolve("6-fuzzed-input-violations.txt");
            java.nio.file.Files.write(file, violations);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String state(ManagedQueueService queue, String jobId, List<String> violations) {
        try {
            return queue.getJob(jobId).map(s -> s.state().name()).orElse("MISSING");
        } catch (RuntimeException e) {
            violations.add("getJob throws for an accepted job " + jobId + ": " + e);
            return "UNREADABLE";
        }
    }

    private static Optional<JobSnapshot> safeGet(ManagedQueueService queue, String jobId) {
        try {
            return queue.getJob(jobId);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Expect combine(List<Spec> call) {
        if (call.stream().anyMatch(s -> s.expect() == Expect.REFUSE)) {
            return Expect.REFUSE;
        }
        return call.stream().anyMatch(s -> s.expect() == Expect.EITHER) ? Expect.EITHER : Expect.ACCEPT;
    }

    // ------------------------------------------------------------------ generation

    /** A value and whether the rules allow it. */
    record Field<T>(T value, Expect expect, String label) {
    }

    private static Spec generate(int n, Random r) {
        List<String> notes = new ArrayList<>();
        Expect[] verdict = {Expect.ACCEPT};
        Field<String> plugin = name(r, PLUGIN);
        Field<String> queueName = name(r, QUEUE);
        Field<String> job = name(r, r.nextBoolean() ? "a" : "b");
        boolean handled = PLUGIN.equals(plugin.value()) && QUEUE.equals(queueName.value())
                && ("a".equals(job.value()) || "b".equals(job.value()));
        for (Field<?> f : List.of(plugin, queueName, job)) {
            note(notes, verdict, f);
        }
        boolean systemWide = r.nextInt(100) < 5;
        Field<String> tenant = pick(r, new int[] {75, 8, 10, 7},
                () -> new Field<>("t" + r.nextInt(10), Expect.ACCEPT, null),
                () -> new Field<>(null, systemWide ? Expect.ACCEPT : Expect.REFUSE, "no tenant"),
                () -> badId(r, "tenant"),
                () -> new Field<>("T".repeat(256), Expect.ACCEPT, "tenant of 256 chars"));
        if (systemWide) {
            notes.add("systemWide");
            if (tenant.value() != null) {
                tenant = new Field<>(tenant.value(), Expect.REFUSE, "systemWide with tenant");
            }
        }
        note(notes, verdict, tenant);
        Field<String> org = pick(r, new int[] {20, 3, 77},
                () -> new Field<>("o" + r.nextInt(5), systemWide ? Expect.REFUSE : Expect.ACCEPT, systemWide ? "systemWide with org" : null),
                () -> badId(r, "org"),
                () -> new Field<>(null, Expect.ACCEPT, null));
        note(notes, verdict, org);
        Field<String> user = pick(r, new int[] {10, 3, 87},
                () -> new Field<>("u" + r.nextInt(5), Expect.ACCEPT, null),
                () -> badId(r, "user"),
                () -> new Field<>(null, Expect.ACCEPT, null));
        note(notes, verdict, user);
        Field<String> scopeKey = pick(r, new int[] {15, 3, 2, 80},
                () -> new Field<>(randomText(r, 1 + r.nextInt(50)).replace(' ', '_') + "k", Expect.ACCEPT, "scopeKey"),
                () -> new Field<>(r.nextBoolean() ? "" : "   ", Expect.REFUSE, "blank scopeKey"),
                () -> new Field<>("s".repeat(257), Expect.REFUSE, "scopeKey of 257 chars"),
                () -> new Field<>(null, Expect.ACCEPT, null));
        note(notes, verdict, scopeKey);
        Field<String> jobId = pick(r, new int[] {55, 25, 5, 15},
                () -> new Field<>(null, Expect.ACCEPT, null),
                () -> new Field<>("job-" + r.nextInt(200), Expect.ACCEPT, "custom id"),
                () -> new Field<>("J".repeat(255) + r.nextInt(10), Expect.ACCEPT, "id of 256 chars"),
                () -> badId(r, "jobId"));
        note(notes, verdict, jobId);
        Field<Duration> delay = pick(r, new int[] {55, 25, 5, 5, 2, 2, 6},
                () -> new Field<>(Duration.ZERO, Expect.ACCEPT, null),
                () -> new Field<>(Duration.ofMillis(1 + r.nextInt((int) RUN_SOON_MILLIS)), Expect.ACCEPT, null),
                () -> new Field<>(Duration.ofMillis(-1 - r.nextInt(100000)), Expect.REFUSE, "negative delay"),
                () -> new Field<>(Duration.ofDays(1 + r.nextInt(3650)), Expect.ACCEPT, "delay of days"), // up to 10 years
                () -> r.nextBoolean() ? new Field<>(Duration.ofMillis(Long.MAX_VALUE), Expect.EITHER, "delay Long.MAX_VALUE ms") // D3
                        : new Field<>(Duration.ofDays(36_500), Expect.EITHER, "delay of 100 years"),
                () -> new Field<>(Duration.ofSeconds(Long.MAX_VALUE), Expect.EITHER, "delay Long.MAX_VALUE s"), // D2
                () -> new Field<>(null, Expect.REFUSE, "null delay"));
        note(notes, verdict, delay);
        Field<Integer> attempts = pick(r, new int[] {50, 35, 5, 5, 5},
                () -> new Field<>(null, Expect.ACCEPT, null),
                () -> new Field<>(1 + r.nextInt(5), Expect.ACCEPT, null),
                () -> new Field<>(0, Expect.REFUSE, "0 attempts"),
                () -> new Field<>(-1 - r.nextInt(Integer.MAX_VALUE), Expect.REFUSE, "negative attempts"),
                () -> new Field<>(Integer.MAX_VALUE, Expect.ACCEPT, "Integer.MAX_VALUE attempts"));
        note(notes, verdict, attempts);
        // backoff and retention validate themselves: a bad one never reaches the builder
        Field<Supplier<Backoff>> backoff = pick(r, new int[] {25, 3, 2, 2, 68},
                () -> new Field<>(() -> (r.nextBoolean() ? Backoff.fixed(Duration.ofMillis(r.nextInt(10000)))
                        : Backoff.exponential(Duration.ofMillis(r.nextInt(10000)))).withJitter(r.nextDouble()), Expect.ACCEPT, null),
                () -> new Field<>(() -> Backoff.fixed(Duration.ofMillis(-1)), Expect.REFUSE, "negative backoff"),
                () -> new Field<>(() -> Backoff.none().withJitter(1.5), Expect.REFUSE, "jitter 1.5"),
                () -> new Field<>(() -> Backoff.exponential(Duration.ofDays(100_000)), Expect.ACCEPT, "huge backoff"),
                () -> new Field<>(null, Expect.ACCEPT, null));
        note(notes, verdict, backoff);
        Field<Supplier<Retention>> retention = pick(r, new int[] {20, 2, 2, 76},
                () -> new Field<>(() -> switch (r.nextInt(5)) {
                    case 0 -> Retention.of(Duration.ofMillis(1 + r.nextInt(1_000_000_000)), r.nextInt(10_000));
                    case 1 -> Retention.ofAge(Duration.ofMinutes(1 + r.nextInt(10_000)));
                    case 2 -> Retention.ofCount(r.nextInt(10_000));
                    case 3 -> Retention.none();
                    default -> Retention.keepAll();
                }, Expect.ACCEPT, null),
                () -> new Field<>(() -> Retention.ofAge(Duration.ZERO), Expect.REFUSE, "zero retention age"),
                () -> new Field<>(() -> Retention.ofCount(-1), Expect.REFUSE, "negative retention count"),
                () -> new Field<>(null, Expect.ACCEPT, null));
        note(notes, verdict, retention);
        boolean retainOnComplete = r.nextBoolean();
        if (retention.value() != null) {
            notes.add(retainOnComplete ? "removeOnComplete" : "removeOnFail");
        }
        Field<Object> payload = payload(r);
        note(notes, verdict, payload);

        Field<String> t = tenant;
        long delayMillis = delay.value() == null ? 0 : saturatedMillis(delay.value());
        Supplier<EnqueueRequest<?>> builder = () -> {
            EnqueueRequest.Builder<Object> b = EnqueueRequest.builder(plugin.value(), queueName.value(), job.value());
            if (t.value() != null) {
                b.tenantId(t.value());
            }
            if (systemWide) {
                b.systemWide();
            }
            if (org.value() != null) {
                b.organizationId(org.value());
            }
            if (user.value() != null) {
                b.userId(user.value());
            }
            if (scopeKey.value() != null) {
                b.scopeKey(scopeKey.value());
            }
            if (jobId.value() != null) {
                b.jobId(jobId.value());
            }
            b.delay(delay.value());
            if (attempts.value() != null) {
                b.attempts(attempts.value());
            }
            if (backoff.value() != null) {
                b.backoff(backoff.value().get());
            }
            if (retention.value() != null) {
                Retention ret = retention.value().get();
                if (retainOnComplete) {
                    b.removeOnComplete(ret);
                } else {
                    b.removeOnFail(ret);
                }
            }
            return b.payload(payload.value()).build();
        };
        return new Spec(n, "#" + n + (notes.isEmpty() ? " plain" : " " + notes), builder, verdict[0], handled, delayMillis,
                retention.value() != null && retainOnComplete);
    }

    private static long saturatedMillis(Duration d) {
        try {
            return d.toMillis();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static void note(List<String> notes, Expect[] verdict, Field<?> f) {
        if (f.label() != null) {
            notes.add(f.label());
        }
        if (f.expect() == Expect.REFUSE) {
            verdict[0] = Expect.REFUSE;
        } else if (f.expect() == Expect.EITHER && verdict[0] == Expect.ACCEPT) {
            verdict[0] = Expect.EITHER;
        }
    }

    @SafeVarargs
    private static <T> T pick(Random r, int[] weights, Supplier<T>... options) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int roll = r.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            roll -= weights[i];
            if (roll < 0) {
                return options[i].get();
            }
        }
        return options[options.length - 1].get();
    }

    /** A name: mostly the handled one, sometimes a mutation that is valid (an address nobody handles) or not. */
    private static Field<String> name(Random r, String good) {
        if (r.nextInt(100) < 85) {
            return new Field<>(good, Expect.ACCEPT, null);
        }
        String candidate = switch (r.nextInt(12)) {
            case 0 -> "";
            case 1 -> "   ";
            case 2 -> null;
            case 3 -> good + " x";
            case 4 -> good + "{";
            case 5 -> "}" + good;
            case 6 -> good + "|x";
            case 7 -> "\u00e9" + good;
            case 8 -> good + "\n";
            case 9 -> "a".repeat(200 + r.nextInt(2));
            case 10 -> good + "-" + r.nextInt(5);
            default -> randomText(r, 1 + r.nextInt(20));
        };
        boolean valid = validToken(candidate, 200);
        return new Field<>(candidate, valid ? Expect.ACCEPT : Expect.REFUSE, valid ? "unhandled name" : "bad name " + show(candidate));
    }

    private static Field<String> badId(Random r, String what) {
        String v = switch (r.nextInt(7)) {
            case 0 -> "";
            case 1 -> "has space";
            case 2 -> "pipe|" + r.nextInt(9);
            case 3 -> "{brace}";
            case 4 -> "x".repeat(257);
            case 5 -> "\u00fcml\u00e4ut";
            default -> "tab\t";
        };
        return new Field<>(v, Expect.REFUSE, "bad " + what + " " + show(v));
    }

    private static boolean validToken(String v, int max) {
        if (v == null || v.isBlank() || v.length() > max) {
            return false;
        }
        for (char c : v.toCharArray()) {
            if (c <= ' ' || c > '~' || c == '{' || c == '}' || c == '|') {
                return false;
            }
        }
        return true;
    }

    private static String show(String v) {
        if (v == null) {
            return "null";
        }
        String s = v.length() > 12 ? v.substring(0, 12) + "...(" + v.length() + ")" : v;
        return "'" + s.replaceAll("\\p{Cntrl}", "?") + "'";
    }

    /** Any BMP character but surrogates, biased to ASCII. */
    private static String randomText(Random r, int length) {
        StringBuilder b = new StringBuilder(length);
        while (b.length() < length) {
            int c = r.nextInt(4) == 0 ? r.nextInt(0xD800) : 0x20 + r.nextInt(0x5F);
            b.append((char) c);
        }
        return b.toString();
    }

    private static Field<Object> payload(Random r) {
        return switch (r.nextInt(26)) {
            case 0, 1 -> new Field<>(null, Expect.ACCEPT, null);
            case 2, 3 -> new Field<>(randomText(r, r.nextInt(200)), Expect.ACCEPT, "text");
            case 4 -> new Field<>(r.nextInt(), Expect.ACCEPT, "int");
            case 5 -> new Field<>(Long.MIN_VALUE, Expect.ACCEPT, "Long.MIN_VALUE");
            case 6 -> new Field<>(new BigDecimal("1e400"), Expect.ACCEPT, "BigDecimal 1e400");
            case 7 -> new Field<>(BigInteger.TWO.pow(300), Expect.ACCEPT, "BigInteger 2^300");
            case 8 -> new Field<>(r.nextDouble() * 1e300, Expect.ACCEPT, "double");
            case 9 -> new Field<>(r.nextBoolean() ? Double.NaN : Double.POSITIVE_INFINITY, Expect.EITHER, "NaN/Infinity");
            case 10 -> new Field<>(randomMap(r, 3), Expect.EITHER, "nested map"); // may exceed the size limit
            case 11 -> new Field<>(List.of(1, "two", 3.0, List.of(), Map.of("k", "v")), Expect.ACCEPT, "list");
            case 12 -> new Field<>(new int[] {1, 2, 3}, Expect.ACCEPT, "int[]");
            case 13 -> new Field<>(new byte[] {0, -1, 127}, Expect.ACCEPT, "byte[]");
            case 14 -> new Field<>(Work.of(r.nextInt(), 0, "t1"), Expect.ACCEPT, "POJO");
            case 15 -> new Field<>(new Point(r.nextInt(), "p"), Expect.ACCEPT, "record");
            case 16 -> new Field<>(new Cycle(), Expect.REFUSE, "cyclic object");
            case 17 -> new Field<>(new ThrowingGetter(), Expect.REFUSE, "throwing getter");
            case 18 -> new Field<>("y".repeat(MAX_BYTES + r.nextInt(100_000)), Expect.REFUSE, "payload over the limit");
            case 19 -> new Field<>("z".repeat(MAX_BYTES - 2), Expect.ACCEPT, "payload at the limit");
            case 20 -> new Field<>("z".repeat(MAX_BYTES - 1), Expect.REFUSE, "payload 1 byte over");
            case 21 -> new Field<>(r.nextBoolean() ? Optional.empty() : Optional.of("x"), Expect.EITHER, "Optional");
            case 22 -> new Field<>(deepList(3000), Expect.REFUSE, "nesting 3000 deep");
            case 23 -> new Field<>(r.nextBoolean() ? Instant.now() : UUID.randomUUID(), Expect.ACCEPT, "Instant/UUID");
            case 24 -> new Field<>(TimeUnit.SECONDS, Expect.ACCEPT, "enum");
            default -> new Field<>(new Object(), Expect.ACCEPT, "new Object()");
        };
    }

    private static Map<String, Object> randomMap(Random r, int depth) {
        Map<String, Object> map = new HashMap<>();
        int entries = r.nextInt(6);
        for (int i = 0; i < entries; i++) {
            String key = randomText(r, 1 + r.nextInt(10));
            map.put(key, depth > 0 && r.nextBoolean() ? randomMap(r, depth - 1) : randomText(r, r.nextInt(30)));
        }
        return map;
    }

    private static List<Object> deepList(int depth) {
        List<Object> root = new ArrayList<>();
        List<Object> current = root;
        for (int i = 0; i < depth; i++) {
            List<Object> child = new ArrayList<>();
            current.add(child);
            current = child;
        }
        return root;
    }
}
