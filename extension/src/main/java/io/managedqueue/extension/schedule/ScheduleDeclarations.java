package io.managedqueue.extension.schedule;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.managedqueue.api.JobAddress;
import io.managedqueue.api.Scheduled;
import io.managedqueue.api.ScheduleSpec;

/** Reads the {@link Scheduled} annotations of one handler bean; each problem is a message naming the attribute. */
public final class ScheduleDeclarations {

    /** The valid declarations and the problems of the others. */
    public record Result(List<DeclaredSchedule> schedules, List<String> problems) {
    }

    private ScheduleDeclarations() {
    }

    /**
     * @param beanClass    the bean's class name
     * @param declarations its {@code @Scheduled} annotations
     * @param addresses    its valid {@code @PluginJobProcessor} addresses
     */
    public static Result read(String beanClass, Iterable<Scheduled> declarations, List<JobAddress> addresses) {
        List<DeclaredSchedule> schedules = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Scheduled s : declarations) {
            String where = beanClass + " declares @Scheduled(id=\"" + s.id() + "\", cron=\"" + s.cron() + "\", every=\""
                    + s.every() + "\", zone=\"" + s.zone() + "\", jobName=\"" + s.jobName() + "\")";
            try {
                JobAddress address = address(s, addresses);
                String id = s.id().isEmpty() ? address.pluginName() + "/" + address.queueName() + "/" + address.jobName() : s.id();
                try {
                    ScheduleIds.require(id);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("id: " + e.getMessage()
                            + (s.id().isEmpty() ? " (the default id " + id + "; set id explicitly)" : ""), e);
                }
                schedules.add(new DeclaredSchedule(id, address, spec(s), s.zone(), beanClass));
            } catch (IllegalArgumentException e) {
                problems.add(where + ": " + e.getMessage());
            }
        }
        return new Result(schedules, problems);
    }

    private static JobAddress address(Scheduled s, List<JobAddress> addresses) {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("the bean has no valid @PluginJobProcessor: a schedule enqueues to one of its addresses");
        }
        if (s.jobName().isEmpty()) {
            if (addresses.size() > 1) {
                throw new IllegalArgumentException("jobName must name one of the bean's " + addresses.size()
                        + " addresses " + addresses);
            }
            return addresses.get(0);
        }
        return addresses.stream().filter(a -> a.jobName().equals(s.jobName())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("jobName '" + s.jobName()
                        + "' is not among the bean's @PluginJobProcessor addresses " + addresses));
    }

    private static ScheduleSpec spec(Scheduled s) {
        if (s.cron().isEmpty() == s.every().isEmpty()) {
            throw new IllegalArgumentException("exactly one of cron and every must be set");
        }
        if (!s.cron().isEmpty()) {
            return ScheduleSpec.cron(s.cron(), s.zone()); // messages name cron or zone
        }
        try {
            return ScheduleSpec.every(Duration.parse(s.every().toUpperCase(Locale.ROOT)));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("every is not an ISO-8601 duration such as PT30S: '" + s.every() + "'", e);
        }
    }
}
