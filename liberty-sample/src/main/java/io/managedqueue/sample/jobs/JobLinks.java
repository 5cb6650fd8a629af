package io.managedqueue.sample.jobs;

/**
 * Job ids are the platform's ({@code plugin|queue|tenant|id}); in a URL the {@code '|'} is
 * percent-encoded. The plugin name's {@code '/'} stays as it is: the status resource matches
 * the rest of the path.
 */
public final class JobLinks {

    private JobLinks() {
    }

    /**
     * @param jobId a job id from the platform
     * @return the path of its status resource, for example {@code /api/jobs/@acme/notifications%7Cnotifications.outbound%7Cacme%7Cnotification-42}
     */
    public static String statusPath(String jobId) {
        StringBuilder path = new StringBuilder("/api/jobs/");
        for (char c : jobId.toCharArray()) {
            if (Character.isLetterOrDigit(c) || "-._~/@:".indexOf(c) >= 0) {
                path.append(c);
            } else {
                path.append('%').append(String.format("%02X", (int) c));
            }
        }
        return path.toString();
    }
}
