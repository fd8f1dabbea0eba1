package dev.tracker.core.internal.jsonl;

import static java.time.temporal.ChronoField.HOUR_OF_DAY;
import static java.time.temporal.ChronoField.MINUTE_OF_HOUR;
import static java.time.temporal.ChronoField.NANO_OF_SECOND;
import static java.time.temporal.ChronoField.SECOND_OF_MINUTE;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;

/**
 * Timestamps as {@code issues.jsonl} holds them: RFC 3339.
 *
 * <pre>{@code
 * Timestamps.parse("2025-11-02T21:58:07.295058-08:00"); // 2025-11-03T05:58:07.295058Z
 * Timestamps.format(Instant.parse("2025-11-03T05:58:07Z")); // "2025-11-03T05:58:07.000000Z"
 * }</pre>
 */
public final class Timestamps {

  private static final DateTimeFormatter MICROS =
      new DateTimeFormatterBuilder().appendInstant(6).toFormatter(Locale.ROOT);

  private static final DateTimeFormatter NANOS =
      new DateTimeFormatterBuilder().appendInstant(9).toFormatter(Locale.ROOT);

  // Stricter than ISO_OFFSET_DATE_TIME: RFC 3339 requires the seconds and an offset.
  private static final DateTimeFormatter RFC_3339 =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .appendLiteral('T')
          .appendValue(HOUR_OF_DAY, 2)
          .appendLiteral(':')
          .appendValue(MINUTE_OF_HOUR, 2)
          .appendLiteral(':')
          .appendValue(SECOND_OF_MINUTE, 2)
          .optionalStart()
          .appendFraction(NANO_OF_SECOND, 1, 9, true)
          .optionalEnd()
          .appendOffset("+HH:MM", "Z")
          .toFormatter(Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT)
          .withChronology(IsoChronology.INSTANCE);

  private Timestamps() {}

  /**
   * Formats an instant in UTC with a {@code Z}: with exactly 6 fractional digits, or 9 when the
   * instant has a sub-microsecond part, so that an instant read from a file is written back as the
   * same instant.
   */
  public static String format(Instant instant) {
    return instant.getNano() % 1_000 == 0 ? MICROS.format(instant) : NANOS.format(instant);
  }

  /**
   * Parses an RFC 3339 timestamp: seconds required, 0 to 9 fractional digits, an offset such as
   * {@code Z} or {@code -08:00}.
   *
   * @throws DateTimeParseException if {@code text} is not such a timestamp
   */
  public static Instant parse(CharSequence text) {
    return RFC_3339.parse(text, OffsetDateTime::from).toInstant();
  }
}
