package io.managedqueue.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Cron parsing and next-fire times (DST included), fixed rates, and eager validation. */
class ScheduleSpecTest {

    static final ZoneId UTC = ZoneId.of("UTC");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void dailyAtTwoInUtc() {
        ScheduleSpec spec = ScheduleSpec.cron("0 2 * * *");
        assertThat(spec.nextAfter(utc("2024-03-10T01:59"))).isEqualTo(utc("2024-03-10T02:00"));
        assertThat(spec.nextAfter(utc("2024-03-10T02:00"))).as("strictly after").isEqualTo(utc("2024-03-11T02:00"));
        assertThat(spec.nextAfter(utc("2024-12-31T23:00"))).isEqualTo(utc("2025-01-01T02:00"));
    }

    @Test
    void listsRangesAndSteps() {
        assertThat(fires("*/15 * * * *", "2024-01-01T00:00", 5, UTC))
                .containsExactly("2024-01-01T00:15", "2024-01-01T00:30", "2024-01-01T00:45", "2024-01-01T01:00", "2024-01-01T01:15");
        assertThat(fires("5,10 8-9 * * *", "2024-01-01T00:00", 5, UTC))
                .containsExactly("2024-01-01T08:05", "2024-01-01T08:10", "2024-01-01T09:05", "2024-01-01T09:10", "2024-01-02T08:05");
        assertThat(fires("10-40/10 0 1 1 *", "2023-12-31T00:00", 5, UTC))
                .containsExactly("2024-01-01T00:10", "2024-01-01T00:20", "2024-01-01T00:30", "2024-01-01T00:40", "2025-01-01T00:10");
        assertThat(fires("50/5 0 * * *", "2024-01-01T00:00", 3, UTC))
                .as("a/step runs from a to the maximum").containsExactly("2024-01-01T00:50", "2024-01-01T00:55", "2024-01-02T00:50");
    }

    @Test
    void monthAndDayNamesAndSundayAsSeven() {
        // 2024-06-01 is a Saturday
        assertThat(fires("0 9 * jun sat,Sun", "2024-06-01T10:00", 3, UTC))
                .containsExactly("2024-06-02T09:00", "2024-06-08T09:00", "2024-06-09T09:00");
        assertThat(fires("0 9 * * 7", "2024-06-01T00:00", 2, UTC)).containsExactly("2024-06-02T09:00", "2024-06-09T09:00");
        assertThat(fires("0 9 * * 0", "2024-06-01T00:00", 1, UTC)).containsExactly("2024-06-02T09:00");
        assertThat(fires("0 0 * FEB-MAR MON-FRI", "2024-02-28T12:00", 3, UTC))
                .containsExactly("2024-02-29T00:00", "2024-03-01T00:00", "2024-03-04T00:00");
    }

    @Test
    void bothDayFieldsRestrictedMeansEither() {
        // 2024-07-01 is a Monday; fires on the 1st and the 13th and on every Friday
        assertThat(fires("0 0 1,13 * FRI", "2024-07-01T00:00", 5, UTC))
                .containsExactly("2024-07-05T00:00", "2024-07-12T00:00", "2024-07-13T00:00", "2024-07-19T00:00", "2024-07-26T00:00");
        assertThat(fires("0 0 */10 * 1", "2024-06-30T00:00", 3, UTC))
                .as("a day-of-month starting with * keeps AND: the 1st, 11th, 21st or 31st that is a Monday")
                .containsExactly("2024-07-01T00:00", "2024-10-21T00:00", "2024-11-11T00:00");
    }

    @Test
    void twentyNinthOfFebruaryWaitsForALeapYear() {
        assertThat(fires("0 0 29 2 *", "2024-03-01T00:00", 2, UTC)).containsExactly("2028-02-29T00:00", "2032-02-29T00:00");
    }

    @Test
    void springForwardGapShiftsByTheGapAndFiresOnce() {
        // Berlin, 2024-03-31: 02:00 CET jumps to 03:00 CEST; 02:30 does not exist
        ScheduleSpec spec = ScheduleSpec.cron("30 2 * * *", BERLIN);
        Instant fire = spec.nextAfter(zoned("2024-03-30T12:00", BERLIN));
        assertThat(fire.atZone(BERLIN).toLocalDateTime()).isEqualTo(LocalDateTime.parse("2024-03-31T03:30"));
        assertThat(spec.nextAfter(fire).atZone(BERLIN).toLocalDateTime()).isEqualTo(LocalDateTime.parse("2024-04-01T02:30"));
        assertThat(ScheduleSpec.cron("0 9 * * *", BERLIN).nextAfter(zoned("2024-03-31T00:00", BERLIN)))
                .as("09:00 local after the change is 07:00 UTC").isEqualTo(utc("2024-03-31T07:00"));
    }

    @Test
    void fallBackOverlapFiresOnceAtTheFirstOccurrence() {
        // New York, 2024-11-03: 02:00 EDT goes back to 01:00 EST; 01:30 happens twice
        ScheduleSpec spec = ScheduleSpec.cron("30 1 * * *", NEW_YORK);
        Instant first = spec.nextAfter(utc("2024-11-03T00:00"));
        assertThat(first).isEqualTo(utc("2024-11-03T05:30")); // 01:30 EDT
        assertThat(spec.nextAfter(first)).isEqualTo(utc("2024-11-04T06:30")); // next day 01:30 EST, not 01:30 EST today
        assertThat(spec.nextAfter(utc("2024-11-03T06:10"))).as("asked from inside the repeated hour")
                .isEqualTo(utc("2024-11-04T06:30"));
    }

    @Test
    void fixedRateTicksAreMultiplesOfThePeriodSinceTheEpoch() {
        ScheduleSpec spec = ScheduleSpec.every(Duration.ofSeconds(1));
        assertThat(spec.nextAfter(Instant.ofEpochMilli(1_500))).isEqualTo(Instant.ofEpochMilli(2_000));
        assertThat(spec.nextAfter(Instant.ofEpochMilli(2_000))).isEqualTo(Instant.ofEpochMilli(3_000));
        assertThat(ScheduleSpec.every(Duration.ofHours(1)).nextAfter(utc("2024-01-01T10:20"))).isEqualTo(utc("2024-01-01T11:00"));
        assertThat(spec.zone()).isEqualTo(ZoneId.of("Z"));
        assertThat(spec.cronExpression()).isEmpty();
        assertThat(spec.period()).contains(Duration.ofSeconds(1));
    }

    @Test
    void valueSemantics() {
        assertThat(ScheduleSpec.cron("0  2 * * *", "UTC")).isEqualTo(ScheduleSpec.cron("0 2 * * *", UTC))
                .hasToString("cron(0 2 * * *, UTC)");
        assertThat(ScheduleSpec.cron("0 2 * * *", BERLIN)).isNotEqualTo(ScheduleSpec.cron("0 2 * * *", UTC));
        assertThat(ScheduleSpec.every(Duration.ofMinutes(5))).isEqualTo(ScheduleSpec.every(Duration.ofSeconds(300)))
                .hasToString("every(PT5M)");
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        assertRefused(() -> ScheduleSpec.cron(null), "cron must not be blank");
        assertRefused(() -> ScheduleSpec.cron("0 2 * *"), "cron must have 5 fields");
        assertRefused(() -> ScheduleSpec.cron("60 2 * * *"), "cron minute field");
        assertRefused(() -> ScheduleSpec.cron("0 24 * * *"), "cron hour field");
        assertRefused(() -> ScheduleSpec.cron("0 0 0 * *"), "cron day-of-month field");
        assertRefused(() -> ScheduleSpec.cron("0 0 * 13 *"), "cron month field");
        assertRefused(() -> ScheduleSpec.cron("0 0 * * 8"), "cron day-of-week field");
        assertRefused(() -> ScheduleSpec.cron("0 0 * * MOX"), "cron day-of-week field");
        assertRefused(() -> ScheduleSpec.cron("*/0 0 * * *"), "step must be >= 1");
        assertRefused(() -> ScheduleSpec.cron("5-1 0 * * *"), "cron minute field");
        assertRefused(() -> ScheduleSpec.cron("0 0 30 2 *"), "cron day-of-month '30' never occurs");
        assertRefused(() -> ScheduleSpec.cron("0 0 * * *", "Mars/Olympus"), "zone");
        assertRefused(() -> ScheduleSpec.cron("0 0 * * *", (ZoneId) null), "zone");
        assertRefused(() -> ScheduleSpec.every(Duration.ofMillis(999)), "every must be");
        assertRefused(() -> ScheduleSpec.every(null), "every must be");
        assertRefused(() -> ScheduleSpec.every(Duration.ofDays(400)), "every must be");
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    private static List<String> fires(String cron, String from, int count, ZoneId zone) {
        ScheduleSpec spec = ScheduleSpec.cron(cron, zone);
        List<String> out = new ArrayList<>();
        Instant t = zoned(from, zone);
        for (int i = 0; i < count; i++) {
            t = spec.nextAfter(t);
            out.add(t.atZone(zone).toLocalDateTime().toString());
        }
        return out;
    }

    private static Instant utc(String local) {
        return zoned(local, UTC);
    }

    private static Instant zoned(String local, ZoneId zone) {
        return ZonedDateTime.of(LocalDateTime.parse(local), zone).toInstant();
    }
}
