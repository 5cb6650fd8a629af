package io.managedqueue.extension.redis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.managedqueue.api.JobAddress;
import io.managedqueue.api.JobScope;

/**
 * Reads {@code claim.lua}'s flat reply (see its header) front to back: each part is taken by name,
 * so a field added to the script is added here once, in {@link Field}, not at an offset.
 */
final class ClaimReply {

    /**
     * The job hash fields the script returns for each claimed job, after its member, lease and
     * attempts, in this order ({@code CLAIMED_FIELDS} in claim.lua; ClaimReplyTest compares them).
     */
    enum Field {
        TENANT("tenant"), ORG("org"), USER("user"), SCOPE_KEY("scopeKey"), ATTRS("attrs"), PAYLOAD("payload"),
        MAX_ATTEMPTS("maxAttempts"), BACKOFF_TYPE("boType"), BACKOFF_DELAY("boDelay"), BACKOFF_JITTER("boJitter"),
        ENQUEUED_AT("enqueuedAt"), TRACE_PARENT("tp");

        final String hashField;

        Field(String hashField) {
            this.hashField = hashField;
        }
    }

    private static final Field[] FIELDS = Field.values();

    private final JobAddress address;
    private final List<Object> reply;
    private int next;

    private ClaimReply(JobAddress address, List<Object> reply) {
        this.address = address;
        this.reply = reply;
    }

    static ClaimBatch decode(JobAddress address, List<Object> reply) {
        return new ClaimReply(address, reply).batch();
    }

    private ClaimBatch batch() {
        long now = nextLong();
        long nextWake = nextLong();
        long waitingLeft = nextLong();
        int settledCount = (int) nextLong();
        List<SettleOutcome> settled = new ArrayList<>(settledCount);
        for (int s = 0; s < settledCount; s++) {
            settled.add(settleOutcome());
        }
        int stalledCount = (int) nextLong();
        List<ClaimBatch.StalledJob> stalled = new ArrayList<>(stalledCount);
        for (int s = 0; s < stalledCount; s++) {
            stalled.add(stalledJob());
        }
        int claimedCount = (int) nextLong();
        List<ClaimedJob> claimed = new ArrayList<>(claimedCount);
        for (int c = 0; c < claimedCount; c++) {
            claimed.add(claimedJob());
        }
        return new ClaimBatch(now, nextWake, waitingLeft, settled, stalled, claimed);
    }

    private SettleOutcome settleOutcome() {
        SettleOutcome.Kind kind = SettleOutcome.Kind.ofCode(nextLong());
        int attempts = (int) nextLong();
        return new SettleOutcome(kind, attempts, Instant.ofEpochMilli(nextLong()));
    }

    private ClaimBatch.StalledJob stalledJob() {
        JobRef ref = ref(nextString());
        int stalls = (int) nextLong();
        nextString(); // the tenant, which the member holds already
        return new ClaimBatch.StalledJob(ref, stalls, nextLong() == 1);
    }

    private ClaimedJob claimedJob() {
        JobRef ref = ref(nextString());
        String lease = nextString();
        int attempts = (int) nextLong();
        String[] f = new String[FIELDS.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = nextString();
        }
        JobScope scope = new JobScope(blankToNull(f[Field.TENANT.ordinal()]), blankToNull(f[Field.ORG.ordinal()]),
                blankToNull(f[Field.USER.ordinal()]), JobFields.decodeAttributes(f[Field.ATTRS.ordinal()]));
        return new ClaimedJob(ref, address, lease, attempts, scope, blankToNull(f[Field.SCOPE_KEY.ordinal()]),
                blankToNull(f[Field.PAYLOAD.ordinal()]), JobFields.decodeMaxAttempts(f[Field.MAX_ATTEMPTS.ordinal()]),
                JobFields.decodeBackoff(f[Field.BACKOFF_TYPE.ordinal()], f[Field.BACKOFF_DELAY.ordinal()],
                        f[Field.BACKOFF_JITTER.ordinal()]),
                Instant.ofEpochMilli(Long.parseLong(f[Field.ENQUEUED_AT.ordinal()])),
                blankToNull(f[Field.TRACE_PARENT.ordinal()]));
    }

    private JobRef ref(String member) {
        return JobRef.ofMember(address.pluginName(), address.queueName(), member);
    }

    private long nextLong() {
        Object value = reply.get(next++);
        return value instanceof Number n ? n.longValue() : Long.parseLong(value.toString());
    }

    private String nextString() {
        return (String) reply.get(next++);
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
