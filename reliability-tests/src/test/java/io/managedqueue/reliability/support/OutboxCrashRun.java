package io.managedqueue.reliability.support;

import static io.managedqueue.reliability.support.Reliability.seconds;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.managedqueue.api.EnqueueRequest;
import io.managedqueue.api.JobState;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.reliability.worker.OutboxDataSource;
import io.managedqueue.reliability.worker.OutboxJdbc;
import io.managedqueue.reliability.worker.OutboxProducerMain;
import io.managedqueue.reliability.worker.Work;
import io.managedqueue.reliability.worker.WorkerMain;
import io.managedqueue.testing.Resp;

/**
 * One run of the outbox crash scenario: a producer JVM commits transactions that enqueue jobs with the
 * outbox on, is SIGKILLed ({@link #kill}), then two worker JVMs started together sweep what it left
 * ({@link #sweep}). What the database and Redis held at the kill, and what was relayed and run
 * after it, are measured here; the test asserts on the result.
 */
public final class OutboxCrashRun implements AutoCloseable {

    private static final Pattern RELAYED = Pattern.compile("relayed (\\d+) job\\(s\\) a crash left");
    private static final Pattern SEEN = Pattern.compile("\\((\\d+) of them had reached Redis already");

    /** What was true at the kill and after the sweep. */
    public record Result(Set<String> committed, int committedAfterSnapshot, List<String> rolledBack, List<String> rowsAtKill,
                         long rowsAfterKill, long rowsInRedisAtKill, long committedNowhereAtKill, long[] relayedBySweeper, long[] seenBySweeper, long sweptMillis,
                         long sweptAfterReadyMillis, int rowsLeft, List<String> lost, List<String> duplicated,
                         List<String> phantoms, List<String> rolledBackInRedis) {
    }

    private final String name;
    private final OutboxDatabase db;
    private final RedisNode redis;
    private final Resp inspect;
    private final Settings platform;
    private final Settings settings;
    private final InProcess reader;
    private final List<WorkerProcess> workers;
    private WorkerProcess producer;
    private long killedAt;
    private Set<String> committedAtKill;
    private List<String> rolledBack;
    private List<String> rowsAtKill;
    private long rowsInRedisAtKill;
    private long committedNowhere;

    public OutboxCrashRun(String name, OutboxDatabase db) {
        this.name = name;
        this.db = db;
        this.redis = RedisNode.start(name);
        this.inspect = redis.connect();
        this.platform = Settings.of(redis, "rel-" + name);
        this.settings = platform.and(OutboxJdbc.URL, db.url()).and("managed-queue.outbox.datasource-name", "app");
        this.reader = InProcess.start(Settings.of(redis, "rel-" + name).producerOnly().map(), false);
        this.workers = new ArrayList<>();
    }

    /** Starts the producer JVM: {@code threads} transactions at once, each held after its commit when {@code hold}. */
    public OutboxCrashRun startProducer(int threads, boolean hold) {
        Map<String, String> producerSettings = new HashMap<>(settings.producerOnly()
                // its own sweeper stays out of it: only the other processes' sweepers may relay what it left
                .and("managed-queue.outbox.sweep-interval", "PT1H").map());
        producerSettings.put(OutboxProducerMain.HOLD, Boolean.toString(hold));
        producerSettings.put(OutboxProducerMain.THREADS, Integer.toString(threads));
        producerSettings.put(OutboxProducerMain.STORE, Reliability.workDir().resolve("narayana-" + name).toString());
        producerSettings.put("CoreEnvironmentBean.nodeIdentifier", name);
        producer = WorkerProcess.start(name + "-producer", producerSettings, OutboxProducerMain.class).awaitLine("PRODUCER READY");
        return this;
    }

    /**
     * Starts a worker JVM without the outbox (so without a sweeper) that runs the jobs while they are produced,
     * and makes the producer keep only {@code completedKept} finished jobs (retention is a job's own, set at
     * enqueue: call this before {@link #startProducer}): a job relayed again after its removal would run twice.
     */
    public OutboxCrashRun startBusyWorker(int completedKept) {
        settings.with("managed-queue.retention.completed.max-count", Integer.toString(completedKept));
        WorkerProcess worker = WorkerProcess.start(name + "-worker", platform.map());
        workers.add(worker);
        worker.awaitReady();
        return this;
    }

    public WorkerProcess producer() {
        return producer;
    }

    /** SIGKILL of the producer, then a snapshot of what the database and Redis hold. */
    public void kill() throws SQLException {
        producer.kill();
        killedAt = System.nanoTime();
        committedAtKill = new HashSet<>(db.orders().values());
        rolledBack = producer.logText().lines().filter(l -> l.startsWith("ROLLED BACK "))
                .flatMap(l -> Arrays.stream(l.substring("ROLLED BACK ".length()).split(","))).toList();
        rowsAtKill = db.outboxJobIds();
        ManagedQueueService queue = reader.queue();
        Set<String> present = committedAtKill.stream().filter(id -> queue.getJob(id).isPresent()).collect(Collectors.toSet());
        // read after: a job that ran may be gone since (retention); it had reached Redis all the same
        Set<String> ran = Executions.read(inspect).all().keySet();
        Predicate<String> reached = id -> present.contains(id) || ran.contains(id);
        rowsInRedisAtKill = rowsAtKill.stream().filter(reached).count();
        Set<String> inOutbox = new HashSet<>(rowsAtKill);
        // the outbox's promise: a committed job is in Redis, or in the outbox for a sweeper to relay
        committedNowhere = committedAtKill.stream().filter(id -> !inOutbox.contains(id) && !reached.test(id)).count();
    }

    /** Two worker JVMs with the outbox configured start together; waits until their sweepers emptied it and every committed job ran. */
    public Result sweep() throws SQLException {
        Settings sweeping = settings.and(WorkerMain.EXTRA_BEANS, OutboxDataSource.class.getName())
                .and("managed-queue.outbox.sweep-interval", "250ms")
                .and("managed-queue.outbox.sweep-after", "1s");
        List<WorkerProcess> pods = List.of(WorkerProcess.start(name + "-sweeper-0", sweeping.map()),
                WorkerProcess.start(name + "-sweeper-1", sweeping.map()));
        workers.addAll(pods);
        await("a sweeper ready").atMost(seconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> pods.stream().anyMatch(w -> w.logText().contains("WORKER READY")));
        long firstReady = System.nanoTime();
        pods.forEach(WorkerProcess::awaitReady);
        await("outbox swept").atMost(seconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> db.count(OutboxDatabase.OUTBOX) == 0);
        long sweptAt = System.nanoTime();
        // read again: a COMMIT the producer had sent before it died may have been finished by the database after the snapshot
        Set<String> committed = new HashSet<>(db.orders().values());
        await("every committed job ran").atMost(seconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> Executions.read(inspect).all().keySet().containsAll(committed));
        ManagedQueueService queue = reader.queue();
        // a job a late relay created would be enqueued before this one: once it has run, so would have those
        String marker = queue.enqueue(EnqueueRequest.builder(Reliability.PLUGIN, Reliability.QUEUE, Reliability.JOB)
                .tenantId("t0").jobId("marker").payload(Work.of(-1, 0, "t0")).build()).jobId();
        await("marker ran").atMost(seconds(20)).until(() -> Executions.read(inspect).all().containsKey(marker));
        Executions runs = Executions.read(inspect);
        // lost: never ran, or still in Redis and not COMPLETED (a job retention removed had completed)
        List<String> lost = committed.stream().filter(id -> runs.runs(id).isEmpty()
                || queue.getJob(id).filter(job -> job.state() != JobState.COMPLETED).isPresent()).sorted().toList();
        List<String> duplicated = runs.all().entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey).sorted().toList();
        List<String> phantoms = runs.all().keySet().stream().filter(id -> !committed.contains(id) && !id.equals(marker)).sorted().toList();
        List<String> rolledBackInRedis = rolledBack.stream().filter(id -> queue.getJob(id).isPresent()).toList();
        long[] relayed = pods.stream().mapToLong(w -> sum(w, RELAYED)).toArray();
        long[] seen = pods.stream().mapToLong(w -> sum(w, SEEN)).toArray();
        // rows of a late commit are in the snapshot when it landed before the outbox was read; else they come on top
        long lateRows = committed.stream().filter(id -> !committedAtKill.contains(id) && !rowsAtKill.contains(id)).count();
        return new Result(committed, committed.size() - committedAtKill.size(), rolledBack, rowsAtKill, rowsAtKill.size() + lateRows,
                rowsInRedisAtKill,
                committedNowhere, relayed, seen, (sweptAt - killedAt) / 1_000_000,
                (sweptAt - firstReady) / 1_000_000, db.count(OutboxDatabase.OUTBOX), lost, duplicated, phantoms, rolledBackInRedis);
    }

    /** @return the sum of the numbers the pattern's group 1 found in the sweeper's log lines */
    private static long sum(WorkerProcess sweeper, Pattern pattern) {
        return sweeper.logText().lines().map(pattern::matcher).filter(Matcher::find).mapToLong(m -> Long.parseLong(m.group(1))).sum();
    }

    @Override
    public void close() {
        Stream.concat(Stream.ofNullable(producer), workers.stream()).forEach(WorkerProcess::stop);
        reader.close();
        inspect.close();
        redis.close();
    }
}
