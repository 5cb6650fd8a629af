package io.managedqueue.api;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * A parsed five-field cron expression, evaluated on local date-times. Package-private: users see
 * it through {@link ScheduleSpec#cron(String, java.time.ZoneId)}, which documents the syntax.
 *
 * <p>Not Jakarta Concurrency 3.0's {@code CronTrigger}: measured on 3.0.3 it matches a day only when
 * both restricted day fields match ({@code 0 0 13 * FRI} is Friday the 13th, not Vixie cron's
 * "the 13th or any Friday"), skips a time a daylight-saving jump removes instead of shifting it by
 * the gap, fires twice in a fall-back overlap, and refuses a date that never occurs ({@code 31 2})
 * only when asked for the next tick. It would also put an implementation dependency into this
 * module. ScheduleSpecTest pins the documented rules.
 */
final class CronExpression {

    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP",
            "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    /** Far enough for the rarest satisfiable expression (29 February, skipping a non-leap century year). */
    private static final int SEARCH_YEARS = 9;

    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    /** Vixie cron: when both day fields are restricted, a day matching either one matches. */
    private final boolean eitherDayField;

    private CronExpression(BitSet minutes, BitSet hours, BitSet daysOfMonth, BitSet months, BitSet daysOfWeek,
                           boolean eitherDayField) {
        this.minutes = minutes;
        this.hours = hours;
        this.daysOfMonth = daysOfMonth;
        this.months = months;
        this.daysOfWeek = daysOfWeek;
        this.eitherDayField = eitherDayField;
    }

    /** @throws IllegalArgumentException naming {@code cron} and the bad field */
    static CronExpression parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("cron must not be blank");
        }
        String[] fields = expression.trim().split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException("cron must have 5 fields (minute hour day-of-month month day-of-week), had "
                    + fields.length + ": '" + expression + "'");
        }
        BitSet minutes = field(expression, "minute", fields[0], 0, 59, List.of());
        BitSet hours = field(expression, "hour", fields[1], 0, 23, List.of());
        BitSet dom = field(expression, "day-of-month", fields[2], 1, 31, List.of());
        BitSet months = field(expression, "month", fields[3], 1, 12, MONTHS);
        BitSet dow = field(expression, "day-of-week", fields[4], 0, 7, DAYS);
        if (dow.get(7)) {
            dow.set(0); // Sunday is 0 or 7
            dow.clear(7);
        }
        boolean domStar = fields[2].startsWith("*");
        boolean dowStar = fields[4].startsWith("*");
        CronExpression cron = new CronExpression(minutes, hours, dom, months, dow, !domStar && !dowStar);
        if (!domStar && dowStar && !cron.dayOfMonthOccurs()) {
            throw new IllegalArgumentException("cron day-of-month '" + fields[2] + "' never occurs in month '" + fields[3]
                    + "': '" + expression + "'");
        }
        return cron;
    }

    private boolean dayOfMonthOccurs() {
        for (int m = months.nextSetBit(1); m >= 0; m = months.nextSetBit(m + 1)) {
            if (daysOfMonth.nextSetBit(1) <= Month.of(m).maxLength()) {
                return true;
            }
        }
        return false;
    }

    private static BitSet field(String expression, String name, String text, int min, int max, List<String> names) {
        BitSet bits = new BitSet(max + 1);
        for (String part : text.split(",", -1)) {
            try {
                addPart(bits, part.toUpperCase(Locale.ROOT), min, max, names);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("cron " + name + " field '" + text + "': " + e.getMessage()
                        + " (allowed " + min + "-" + max + (names.isEmpty() ? "" : " or names") + "): '" + expression + "'");
            }
        }
        return bits;
    }

    private static void addPart(BitSet bits, String part, int min, int max, List<String> names) {
        int slash = part.indexOf('/');
        String range = slash < 0 ? part : part.substring(0, slash);
        int step = slash < 0 ? 1 : number(part.substring(slash + 1), List.of());
        if (step < 1) {
            throw new IllegalArgumentException("step must be >= 1");
        }
        int from;
        int to;
        if (range.equals("*")) {
            from = min;
            to = max;
        } else {
            int dash = range.indexOf('-');
            from = number(dash < 0 ? range : range.substring(0, dash), names);
            // "5/15" means 5-max/15, as in Vixie cron
            to = dash < 0 ? (slash < 0 ? from : max) : number(range.substring(dash + 1), names);
        }
        if (from < min || to > max || from > to) {
            throw new IllegalArgumentException("'" + part + "' is out of range");
        }
        for (int v = from; v <= to; v += step) {
            bits.set(v);
        }
    }

    private static int number(String text, List<String> names) {
        int named = names.indexOf(text);
        if (named >= 0) {
            return names.size() == 12 ? named + 1 : named;
        }
        if (text.isEmpty() || !text.chars().allMatch(Character::isDigit) || text.length() > 4) {
            throw new IllegalArgumentException("'" + text + "' is not a number");
        }
        return Integer.parseInt(text);
    }

    /**
     * @param after a local date-time
     * @return the first matching local date-time strictly after it (whole minutes)
     */
    LocalDateTime next(LocalDateTime after) {
        LocalDateTime t = after.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        int lastYear = t.getYear() + SEARCH_YEARS;
        while (t.getYear() <= lastYear) {
            if (!months.get(t.getMonthValue())) {
                t = t.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay();
            } else if (!dayMatches(t.toLocalDate())) {
                t = t.toLocalDate().plusDays(1).atStartOfDay();
            } else if (!hours.get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!minutes.get(t.getMinute())) {
                t = t.plusMinutes(1);
            } else {
                return t;
            }
        }
        throw new IllegalStateException("no matching time within " + SEARCH_YEARS + " years");
    }

    private boolean dayMatches(LocalDate date) {
        boolean dom = daysOfMonth.get(date.getDayOfMonth());
        boolean dow = daysOfWeek.get(date.getDayOfWeek().getValue() % 7);
        return eitherDayField ? dom || dow : dom && dow;
    }
}
