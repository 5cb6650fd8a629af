package io.managedqueue.extension.tx;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.managedqueue.api.Deduplication;
import io.managedqueue.api.JobAddress;
import io.managedqueue.extension.redis.JobRef;
import io.managedqueue.extension.redis.PreparedJob;

/**
 * A prepared job as one text column: length-prefixed strings ({@code <length>:<chars>}), so any
 * character of a payload survives and no JSON library is needed to read it back. The delay is not
 * kept: the row's due time is, so a job relayed late by the sweeper is not delayed twice.
 */
final class OutboxCodec {

    private static final String VERSION = "1";

    private OutboxCodec() {
    }

    static String encode(PreparedJob job) {
        StringBuilder out = new StringBuilder(256);
        Deduplication dedup = job.deduplication();
        JobAddress a = job.address();
        for (String s : List.of(VERSION, a.pluginName(), a.queueName(), a.jobName(), job.ref().tenant(), job.ref().localId(),
                dedup == null ? "" : dedup.mode().name(), dedup == null ? "" : dedup.id(),
                dedup == null ? "0" : Long.toString(dedup.ttl().toMillis()), Integer.toString(job.fields().size()))) {
            put(out, s);
        }
        job.fields().forEach(f -> put(out, f));
        return out.toString();
    }

    /**
     * @param text    what {@link #encode} wrote
     * @param delayMs the delay still to wait (the row's due time minus now, at least 0)
     */
    static PreparedJob decode(String text, long delayMs) {
        List<String> parts = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int colon = text.indexOf(':', at);
            int length = Integer.parseInt(text.substring(at, colon));
            parts.add(text.substring(colon + 1, colon + 1 + length));
            at = colon + 1 + length;
        }
        if (!VERSION.equals(parts.get(0))) {
            throw new IllegalStateException("outbox row of an unknown format version " + parts.get(0));
        }
        JobAddress address = JobAddress.of(parts.get(1), parts.get(2), parts.get(3));
        JobRef ref = new JobRef(address.pluginName(), address.queueName(), parts.get(4), parts.get(5));
        Deduplication dedup = parts.get(6).isEmpty() ? null
                : new Deduplication(parts.get(7), Deduplication.Mode.valueOf(parts.get(6)), Duration.ofMillis(Long.parseLong(parts.get(8))));
        int count = Integer.parseInt(parts.get(9));
        return new PreparedJob(ref, address, Math.max(0, delayMs), List.copyOf(parts.subList(10, 10 + count)), dedup);
    }

    private static void put(StringBuilder out, String s) {
        out.append(s.length()).append(':').append(s);
    }
}
