package io.managedqueue.extension.redis;

import java.time.Instant;

/**
 * What {@code claim-settle.lua} did with one {@link Settlement}, read from the claim reply.
 *
 * @param kind         what the job became
 * @param attemptsMade attempts made, read from the job under the lease (0 when the lease was lost)
 * @param at           Redis's time of the settling; for {@link Kind#RETRY_DELAYED}, when the retry is due
 */
public record SettleOutcome(Kind kind, int attemptsMade, Instant at) {

    /** The outcomes, each with the code the script returns for it (claim-settle.lua's {@code SETTLED}). */
    public enum Kind {
        /** The lease was lost (the job was recovered, handed back or claimed elsewhere): nothing was written. */
        LEASE_LOST(-1),
        /** A failed attempt failed the job for good: its last attempt, or a permanent failure. */
        FAILED(0),
        /** A failed attempt with attempts left and no backoff: the job waits again. */
        RETRY_WAITING(1),
        /** A failed attempt with attempts left: the job is DELAYED until its backoff ends. */
        RETRY_DELAYED(2),
        /** A completion: the job is COMPLETED. */
        COMPLETED(3);

        /** By code + 1: the constants above are declared in the order of their codes. */
        private static final Kind[] BY_CODE = values();

        final int code;

        Kind(int code) {
            this.code = code;
        }

        static Kind ofCode(long code) {
            int index = (int) code + 1;
            if (index < 0 || index >= BY_CODE.length || BY_CODE[index].code != code) {
                throw new IllegalStateException("claim.lua returned an unknown settle outcome " + code);
            }
            return BY_CODE[index];
        }
    }

    /** @return whether the job will run again: a retry was scheduled, waiting or delayed */
    public boolean retryScheduled() {
        return kind == Kind.RETRY_WAITING || kind == Kind.RETRY_DELAYED;
    }
}
