package dev.tracker.testkit.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations written in annotations: {@code 500ms}, {@code 2s}, {@code 5m}, {@code 1h}, ISO-8601.
 */
public final class Durations {

  private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h)");

  private Durations() {}

  /** The duration the text means, if it means one that is positive. */
  public static Optional<Duration> parsePositive(String text) {
    return parse(text).filter(duration -> !duration.isNegative() && !duration.isZero());
  }

  /** The duration the text means, if it means one: zero and negative ones included. */
  public static Optional<Duration> parse(String text) {
    Duration duration;
    try {
      Matcher matcher = SHORT.matcher(text.trim());
      if (matcher.matches()) {
        long amount = Long.parseLong(matcher.group(1));
        duration =
            switch (matcher.group(2)) {
              case "ms" -> Duration.ofMillis(amount);
              case "s" -> Duration.ofSeconds(amount);
              case "m" -> Duration.ofMinutes(amount);
              default -> Duration.ofHours(amount);
            };
      } else {
        duration = Duration.parse(text.trim());
      }
    } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
      return Optional.empty();
    }
    return Optional.of(duration);
  }
}
