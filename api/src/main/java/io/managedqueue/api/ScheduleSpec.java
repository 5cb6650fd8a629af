package io.managedqueue.api;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * When a schedule fires: a cron expression in a time zone, or a fixed rate. Immutable; the
 * factories validate eagerly.
 *
 * <p><b>Cron</b> ({@link #cron(String, ZoneId)}): the five standard fields
 * {@code minute hour day-of-month month day-of-week}, each {@code *}, a number, a range
 * {@code 1-5}, a step {@code *}{@code /15} or {@code 10-40/10} or {@code 5/15}, or a comma list of
 * those. Months may be written {@code JAN}-{@code DEC}, days {@code SUN}-{@code SAT} (any case);
 * Sunday is {@code 0} or {@code 7}. When both day-of-month and day-of-week are restricted (neither
 * starts with {@code *}), a day matching <em>either</em> fires, as in Vixie cron:
 * {@code 0 0 1 * MON} fires on the first of the month and on every Monday.
 * Times are local to the zone, daylight saving included: a local time skipped when clocks go
 * forward fires shifted by the length of the gap ({@code 02:30} becomes {@code 03:30}); a local
 * time that occurs twice when clocks go back fires once, at its first occurrence.
 *
 * <p><b>Fixed rate</b> ({@link #every(Duration)}): ticks at every whole multiple of the period
 * since the epoch (1970-01-01T00:00Z), so all processes agree on them: {@code every(PT1M)} fires
 * at each whole minute, {@code every(PT1H)} at each whole hour UTC.
 *
 * <pre>{@code
 * ScheduleSpec nightly = ScheduleSpec.cron("0 2 * * *", ZoneId.of("Europe/Berlin"));
 * ScheduleSpec often = ScheduleSpec.every(Duration.ofMinutes(5));
 * }</pre>
 */
public final class ScheduleSpec {

    /** Shortest accepted fixed-rate period: 1 second. */
    public static final Duration MIN_PERIOD = Duration.ofSeconds(1);
    /** Longest accepted fixed-rate period: 366 days. */
    public static final Duration MAX_PERIOD = Duration.ofDays(366);

    private final String cron;
    private final CronExpression parsed;
    private final Duration period;
    private final ZoneId zone;

    private ScheduleSpec(String cron, CronExpression parsed, Duration period, ZoneId zone) {
        this.cron = cron;
        this.parsed = parsed;
        this.period = period;
        this.zone = zone;
    }

    /**
     * A cron schedule in UTC.
     *
     * @param expression five fields, see the class description
     * @return the spec
     * @throws IllegalArgumentException naming {@code cron} and the bad field
     */
    public static ScheduleSpec cron(String expression) {
        return cron(expression, ZoneOffset.UTC);
    }

    /**
     * A cron schedule in a time zone.
     *
     * @param expression five fields, see the class description
     * @param zone       the zone whose local time the fields match, not {@code null}
     * @return the spec
     * @throws IllegalArgumentException naming {@code cron} and the bad field, or {@code zone}
     */
    public static ScheduleSpec cron(String expression, ZoneId zone) {
        if (zone == null) {
            throw new IllegalArgumentException("zone must not be null");
        }
        CronExpression parsed = CronExpression.parse(expression);
        return new ScheduleSpec(expression.trim().replaceAll("\\s+", " "), parsed, null, zone);
    }

    /**
     * A cron schedule in a zone given by its id.
     *
     * @param expression five fields, see the class description
     * @param zoneId     a {@link ZoneId} id such as {@code UTC} or {@code Europe/Berlin}
     * @return the spec
     * @throws IllegalArgumentException naming {@code cron} and the bad field, or {@code zone}
     */
    public static ScheduleSpec cron(String expression, String zoneId) {
        return cron(expression, zone(zoneId));
    }

    /**
     * A fixed-rate schedule.
     *
     * @param period between ticks, from {@link #MIN_PERIOD} to {@link #MAX_PERIOD}, in whole milliseconds
     * @return the spec
     * @throws IllegalArgumentException naming {@code every} when out of range
     */
    public static ScheduleSpec every(Duration period) {
        if (period == null || period.compareTo(MIN_PERIOD) < 0 || period.compareTo(MAX_PERIOD) > 0
                || period.getNano() % 1_000_000 != 0) {
            throw new IllegalArgumentException("every must be between " + MIN_PERIOD + " and " + MAX_PERIOD
                    + " in whole milliseconds, was " + period);
        }
        return new ScheduleSpec(null, null, period, ZoneOffset.UTC);
    }

    /**
     * @param zoneId a zone id
     * @return the zone
     * @throws IllegalArgumentException naming {@code zone}
     */
    static ZoneId zone(String zoneId) {
        try {
            return ZoneId.of(Objects.requireNonNull(zoneId, "zone").trim());
        } catch (DateTimeException | NullPointerException e) {
            throw new IllegalArgumentException("zone is not a time zone id (such as UTC or Europe/Berlin): " + zoneId, e);
        }
    }

    /** @return the cron expression (fields separated by single spaces), empty for a fixed rate */
    public Optional<String> cronExpression() {
        return Optional.ofNullable(cron);
    }

    /** @return the fixed-rate period, empty for a cron schedule */
    public Optional<Duration> period() {
        return Optional.ofNullable(period);
    }

    /** @return the cron schedule's zone; {@code UTC} for a fixed rate */
    public ZoneId zone() {
        return zone;
    }

    /**
     * @param after an instant
     * @return the first tick strictly after it
     */
    public Instant nextAfter(Instant after) {
        if (period != null) {
            long p = period.toMillis();
            return Instant.ofEpochMilli(Math.floorDiv(after.toEpochMilli(), p) * p + p);
        }
        LocalDateTime local = after.atZone(zone).toLocalDateTime();
        while (true) {
            local = parsed.next(local);
            Instant candidate = ZonedDateTime.ofLocal(local, zone, null).toInstant(); // gap: shifted; overlap: earlier
            if (candidate.isAfter(after)) {
                return candidate;
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScheduleSpec s && Objects.equals(cron, s.cron) && Objects.equals(period, s.period)
                && zone.equals(s.zone);
    }

    @Override
    public int hashCode() {
        return Objects.hash(cron, period, zone);
    }

    /** @return {@code cron(0 2 * * *, Europe/Berlin)} or {@code every(PT5M)} */
    @Override
    public String toString() {
        return cron != null ? "cron(" + cron + ", " + zone + ")" : "every(" + period + ")";
    }
}
