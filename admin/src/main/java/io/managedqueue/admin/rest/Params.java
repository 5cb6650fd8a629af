package io.managedqueue.admin.rest;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.managedqueue.admin.json.BadInput;
import io.managedqueue.api.JobState;

/** Parses request fields; every refusal is a {@link BadInput} naming the field. */
final class Params {

    private Params() {
    }

    static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new BadInput(field, field + " is required");
        }
        return value;
    }

    static JobState state(String field, String value) {
        try {
            return JobState.valueOf(required(field, value).strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            if (e instanceof BadInput) {
                throw e;
            }
            throw new BadInput(field, field + " must be one of " + List.of(JobState.values()) + ", was " + value);
        }
    }

    /** @return the states named, each value possibly a comma-separated list; every state when none */
    static Set<JobState> states(String field, List<String> values) {
        EnumSet<JobState> states = EnumSet.noneOf(JobState.class);
        for (String value : values == null ? List.<String>of() : values) {
            for (String one : value.split(",")) {
                if (!one.isBlank()) {
                    states.add(state(field, one));
                }
            }
        }
        return states.isEmpty() ? EnumSet.allOf(JobState.class) : states;
    }

    static int integer(String field, String value, int defaultValue, int min, int max) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return inRange(field, Long.parseLong(value.strip()), min, max);
        } catch (NumberFormatException e) {
            throw new BadInput(field, field + " must be a whole number, was " + value);
        }
    }

    static int inRange(String field, long value, int min, int max) {
        if (value < min || value > max) {
            throw new BadInput(field, field + " must be " + min + " to " + max + ", was " + value);
        }
        return (int) value;
    }

    static <T> T body(T body) {
        if (body == null) {
            throw new BadInput("body", "a JSON body is required");
        }
        return body;
    }
}
