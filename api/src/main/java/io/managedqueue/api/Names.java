package io.managedqueue.api;

/**
 * The naming rules shared by addresses, job ids and tenant ids. Package-private: the rules are
 * documented on the types that apply them.
 */
final class Names {

    static final int MAX_NAME_LENGTH = 200;
    static final int MAX_ID_LENGTH = 256;

    private Names() {
    }

    static void requireName(String field, String value) {
        requireToken(field, value, MAX_NAME_LENGTH);
    }

    static void requireId(String field, String value) {
        requireToken(field, value, MAX_ID_LENGTH);
    }

    /**
     * A token is printable ASCII without space, braces or pipe: braces would change the Redis
     * Cluster hash tag of our keys and the pipe separates the parts of a job id.
     */
    static void requireToken(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(field + " must be at most " + maxLength + " characters, was " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c > '~' || c == '{' || c == '}' || c == '|') {
                throw new IllegalArgumentException(field + " contains an illegal character at index " + i
                        + " (allowed: printable ASCII except space, '{', '}' and '|'): " + quoted(value));
            }
        }
    }

    private static String quoted(String value) {
        String shown = value.length() > 60 ? value.substring(0, 60) + "..." : value;
        return '"' + shown.replaceAll("\\p{Cntrl}", "?") + '"';
    }
}
