package io.managedqueue.extension.redis;

import java.util.List;

/**
 * The result of one {@code claim.lua} call: attempts settled, jobs recovered, jobs claimed.
 *
 * @param redisNow    Redis's clock at the claim (ms), to translate {@code nextWakeAt} to local time
 * @param nextWakeAt  when this address next needs a look (next delayed job or lease expiry), or -1
 * @param waitingLeft jobs still waiting after the claim
 * @param settled     per {@link Settlement} sent with the claim, in order, what it did to the job
 * @param stalled     jobs found with an expired lease and requeued or failed
 * @param claimed     jobs claimed, now ACTIVE under this process's lease
 */
public record ClaimBatch(long redisNow, long nextWakeAt, long waitingLeft, List<SettleOutcome> settled, List<StalledJob> stalled,
                         List<ClaimedJob> claimed) {

    /**
     * @param ref        the job
     * @param stallCount how often it has stalled
     * @param failed     whether it was failed for stalling too often
     */
    public record StalledJob(JobRef ref, int stallCount, boolean failed) {
    }
}
