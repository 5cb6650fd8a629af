package io.managedqueue.extension.redis;

import java.util.List;

import io.managedqueue.api.JobAddress;

/**
 * A validated, serialised job ready for {@code enqueue.lua}.
 *
 * @param ref     its id
 * @param address its address
 * @param delayMs delay before the first attempt
 * @param fields  the job hash's field/value pairs (see {@link JobFields})
 */
public record PreparedJob(JobRef ref, JobAddress address, long delayMs, List<String> fields) {
}
