package io.managedqueue.extension.schedule;

/** The rules of a schedule id: those of a job id, shorter, so that a tick's job id still fits. */
public final class ScheduleIds {

    /** Longest schedule id: 200 characters ({@code schedule:<id>:<ms>} stays within a job id's 256). */
    public static final int MAX_LENGTH = 200;

    private ScheduleIds() {
    }

    /**
     * @param id a schedule id
     * @return the id
     * @throws IllegalArgumentException naming {@code scheduleId}
     */
    public static String require(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("scheduleId must not be blank");
        }
        if (id.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("scheduleId must be at most " + MAX_LENGTH + " characters, was " + id.length());
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c <= ' ' || c > '~' || c == '{' || c == '}' || c == '|') {
                throw new IllegalArgumentException("scheduleId contains an illegal character at index " + i
                        + " (allowed: printable ASCII except space, '{', '}' and '|')");
            }
        }
        return id;
    }

    /** @return the id of the job a schedule creates for one tick */
    public static String tickJobId(String scheduleId, long tickMillis) {
        return "schedule:" + scheduleId + ":" + tickMillis;
    }
}
