package io.managedqueue.extension.redis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.redisson.api.RScript;
import org.redisson.api.RScript.Mode;
import org.redisson.api.RScript.ReturnType;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.redisson.client.codec.StringCodec;

import io.managedqueue.api.JobAddress;
import io.managedqueue.api.ManagedQueueException;
import io.managedqueue.api.admin.WorkerView;

/**
 * The live worker processes of one key prefix, for operators: each process writes a heartbeat
 * with the addresses it handles; a process silent for three heartbeat intervals is no longer
 * listed (and its entry expires). Times are Redis's clock, so pods with skewed clocks agree.
 */
public final class WorkerRegistry {

    private final RedisKeys keys;
    private final RScript script;
    private final long listedForMillis;

    /**
     * @param redis             the client
     * @param keys              the key builder
     * @param heartbeatInterval how often each process reports (ms); it stays listed for three intervals
     */
    public WorkerRegistry(RedissonClient redis, RedisKeys keys, long heartbeatInterval) {
        this.keys = keys;
        this.script = redis.getScript(StringCodec.INSTANCE);
        this.listedForMillis = 3 * heartbeatInterval;
    }

    /** Reports this process alive, with what it handles now. */
    public void heartbeat(String workerId, String host, List<WorkerView.HandledAddress> addresses) {
        StringBuilder lines = new StringBuilder();
        for (WorkerView.HandledAddress a : addresses) {
            lines.append(RedisKeys.wire(a.address())).append('|').append(a.concurrency()).append('|').append(a.busy()).append('\n');
        }
        call("heartbeat", () -> script.eval(keys.workerIndex(), Mode.READ_WRITE, LuaScript.WORKER_HEARTBEAT.text(),
                ReturnType.LONG, List.of(keys.workerIndex(), keys.workerInfo(workerId)), workerId, host,
                lines.toString(), Long.toString(listedForMillis)));
    }

    /** Removes this process at once (a graceful stop), instead of letting its entry age out. */
    public void remove(String workerId) {
        call("removeWorker", () -> script.eval(keys.workerIndex(), Mode.READ_WRITE,
                LuaScript.WORKER_REMOVE.text(), ReturnType.LONG,
                List.of(keys.workerIndex(), keys.workerInfo(workerId)), workerId));
    }

    /** @return every process heard from within three heartbeat intervals, sorted by id */
    public List<WorkerView> live() {
        List<Object> r = call("workers", () -> script.eval(keys.workerIndex(), Mode.READ_ONLY, LuaScript.WORKERS_READ.text(),
                ReturnType.LIST, List.of(keys.workerIndex()), keys.workersBase(), Long.toString(listedForMillis)));
        List<WorkerView> workers = new ArrayList<>();
        for (int i = 0; i + 4 < r.size(); i += 5) {
            workers.add(new WorkerView((String) r.get(i), (String) r.get(i + 1), millis(r.get(i + 2)), millis(r.get(i + 3)),
                    addresses((String) r.get(i + 4))));
        }
        workers.sort(java.util.Comparator.comparing(WorkerView::id));
        return workers;
    }

    private static List<WorkerView.HandledAddress> addresses(String lines) {
        List<WorkerView.HandledAddress> addresses = new ArrayList<>();
        for (String line : lines.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] p = line.split("\\|");
            addresses.add(new WorkerView.HandledAddress(new JobAddress(p[0], p[1], p[2]), Integer.parseInt(p[3]),
                    Integer.parseInt(p[4])));
        }
        return addresses;
    }

    private static Instant millis(Object value) {
        return Instant.ofEpochMilli(Long.parseLong(value.toString()));
    }

    private static <T> T call(String operation, java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (RedisException e) {
            throw new ManagedQueueException(operation + " failed on Redis: " + e.getMessage(), e);
        }
    }
}
