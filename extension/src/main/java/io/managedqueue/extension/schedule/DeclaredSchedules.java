package io.managedqueue.extension.schedule;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

import io.managedqueue.api.ScheduleSpec;
import io.managedqueue.extension.config.QueueConfig;

/**
 * Applies {@code managed-queue.schedule.<id>.*} to a declared schedule. A bad value fails
 * start-up with an {@link IllegalArgumentException} naming the key, like every other setting.
 */
public final class DeclaredSchedules {

    private DeclaredSchedules() {
    }

    /** @return the spec after overrides: a configured cron or every replaces the annotation's; a zone applies to a cron */
    public static ScheduleSpec effectiveSpec(DeclaredSchedule declared, QueueConfig config) {
        String id = declared.id();
        Optional<String> cron = config.scheduleSetting(id, "cron");
        Optional<String> every = config.scheduleSetting(id, "every");
        Optional<String> zone = config.scheduleSetting(id, "zone");
        if (cron.isPresent() && every.isPresent()) {
            throw new IllegalArgumentException(key(id, "cron") + " and " + key(id, "every") + " must not both be set");
        }
        String zoneId = zone.orElse(declared.zone());
        String key = every.isPresent() ? key(id, "every") : cron.isPresent() ? key(id, "cron") : key(id, "zone");
        try {
            if (every.isPresent()) {
                return ScheduleSpec.every(Duration.parse(every.get().toUpperCase(Locale.ROOT)));
            }
            Optional<String> expression = cron.or(() -> declared.spec().cronExpression());
            return expression.isPresent() ? ScheduleSpec.cron(expression.get(), zoneId) : declared.spec();
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IllegalArgumentException(key + " of the schedule declared by " + declared.beanClass() + ": "
                    + e.getMessage(), e);
        }
    }

    /** @return {@code managed-queue.schedule.<id>.enabled}, default {@code true} */
    public static boolean enabled(DeclaredSchedule declared, QueueConfig config) {
        return config.scheduleSetting(declared.id(), "enabled").map(v -> {
            if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException(key(declared.id(), "enabled") + " must be true or false, was " + v);
            }
            return Boolean.parseBoolean(v);
        }).orElse(true);
    }

    private static String key(String id, String name) {
        return QueueConfig.PREFIX + "schedule." + id + "." + name;
    }
}
