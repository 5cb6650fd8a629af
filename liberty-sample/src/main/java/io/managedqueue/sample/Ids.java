package io.managedqueue.sample;

import java.util.regex.Pattern;

/** The sample's own identifiers (integration and notification ids) are URL- and key-safe slugs. */
public final class Ids {

    private static final Pattern SLUG = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private Ids() {
    }

    /**
     * @param field the field's name, for the message
     * @param value the value
     * @return the value
     * @throws IllegalArgumentException naming the field when the value is not 1 to 64 of {@code A-Z a-z 0-9 . _ -}
     */
    public static String requireSlug(String field, String value) {
        if (value == null || !SLUG.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be 1 to 64 characters of A-Z a-z 0-9 . _ -, was "
                    + (value == null ? "missing" : '"' + value + '"'));
        }
        return value;
    }
}
