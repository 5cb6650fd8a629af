package io.managedqueue.benchmarks;

/**
 * The job payload of bench.mjs: {@code {i, s: 'x'.repeat(32)}} (~50 bytes of JSON) for the
 * throughput scenarios, {@code {i, t}} for the timed ones. Null fields are left out by JSON-B.
 */
public class Payload {

    static final String FILLER = "x".repeat(32);

    /** Sequence number of the job inside its scenario. */
    public int i;
    /** Filler, as in bench.mjs. */
    public String s;
    /** A timestamp taken by the producer: nanoTime (latency) or epoch milliseconds (delayed). */
    public Long t;

    public Payload() {
    }

    static Payload filler(int i) {
        Payload p = new Payload();
        p.i = i;
        p.s = FILLER;
        return p;
    }

    static Payload timed(int i, long t) {
        Payload p = new Payload();
        p.i = i;
        p.t = t;
        return p;
    }
}
