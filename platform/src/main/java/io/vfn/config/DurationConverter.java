package io.vfn.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;

/** Reads durations such as {@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h}, or ISO-8601 {@code PT30S}. */
public final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    /**
     * @param value a duration: a number with unit ms, s, m, h or d; a bare number is milliseconds
     * @return the duration
     */
    public static Duration parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("p")) {
                return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(
                        Long.parseLong(v.substring(0, v.length() - 2).trim()));
            }
            char unit = v.isEmpty() ? ' ' : v.charAt(v.length() - 1);
            String number =
                    Character.isLetter(unit) ? v.substring(0, v.length() - 1).trim() : v;
            long amount = Long.parseLong(number);
            return switch (unit) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> {
                    if (Character.isLetter(unit)) {
                        throw new NumberFormatException(value);
                    }
                    yield Duration.ofMillis(amount);
                }
            };
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            // ArithmeticException: a number of hours or days too large for a Duration (9999999999999999h)
            throw new IllegalArgumentException("'" + value + "' is not a duration such as 500ms, 30s, 5m or 1h");
        }
    }
}
