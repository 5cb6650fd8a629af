package io.managedqueue.extension.schedule;

import java.time.Duration;

import io.managedqueue.api.ScheduleSpec;

/** A {@link ScheduleSpec} as stored in a schedule hash: {@code every|<ms>} or {@code cron|<zone>|<expression>}. */
final class SpecWire {

    private SpecWire() {
    }

    static String encode(ScheduleSpec spec) {
        return spec.period().map(p -> "every|" + p.toMillis())
                .orElseGet(() -> "cron|" + spec.zone().getId() + "|" + spec.cronExpression().orElseThrow());
    }

    static ScheduleSpec decode(String wire) {
        String[] parts = wire.split("\\|", 3);
        return parts[0].equals("every") ? ScheduleSpec.every(Duration.ofMillis(Long.parseLong(parts[1])))
                : ScheduleSpec.cron(parts[2], parts[1]);
    }
}
