package io.managedqueue.extension.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Parses durations written as ISO-8601 ({@code PT30S}) or as a number with a unit ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d}). */
public final class ConfigDurations {

    private ConfigDurations() {
    }

    /**
     * @param key  the setting's full name, for the error message
     * @param text its value
     * @return the duration
     * @throws IllegalArgumentException naming {@code key} when {@code text} is not a duration
     */
    public static Duration parse(String key, String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (value.startsWith("p")) {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            }
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2).trim()));
            }
            long amount = Long.parseLong(value.substring(0, value.length() - 1).trim());
            return switch (value.charAt(value.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> throw new NumberFormatException("unknown unit");
            };
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException(key + ": '" + text + "' is not a duration (use PT30S, 500ms, 30s, 5m, 2h or 7d)", e);
        }
    }
}
