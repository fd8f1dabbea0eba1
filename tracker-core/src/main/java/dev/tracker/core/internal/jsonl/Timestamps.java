package dev.tracker.core.internal.jsonl;

import static java.time.temporal.ChronoField.HOUR_OF_DAY;
import static java.time.temporal.ChronoField.MINUTE_OF_HOUR;
import static java.time.temporal.ChronoField.NANO_OF_SECOND;
import static java.time.temporal.ChronoField.SECOND_OF_MINUTE;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Timestamps as {@code issues.jsonl} holds them: RFC 3339, written as Go's {@code RFC3339Nano}
 * writes them (what beads writes), in UTC.
 *
 * <pre>{@code
 * Timestamps.parse("2025-11-02T21:58:07.295058-08:00"); // 2025-11-03T05:58:07.295058Z
 * Timestamps.format(Instant.parse("2025-11-03T05:58:07.210840Z")); // "2025-11-03T05:58:07.21084Z"
 * Timestamps.format(Instant.parse("2025-11-03T05:58:07Z")); // "2025-11-03T05:58:07Z"
 * }</pre>
 */
public final class Timestamps {

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
   * Formats an instant in UTC with a {@code Z}, as Go's {@code RFC3339Nano} does: the fraction of
   * the second with its trailing zeros trimmed, and none at all when it is zero. Every digit of the
   * instant is kept, so an instant read from a file is written back as the same instant.
   */
  @SuppressWarnings("JavaInstantGetSecondsGetNano") // the fraction of the second alone decides
  public static String format(Instant instant) {
    String nine = formatFast(instant, 9);
    if (nine == null) {
      nine = NANOS.format(instant);
    }
    return trimFraction(nine);
  }

  /** {@code ...ss.fffffffffZ} without the fraction's trailing zeros, nor its dot when all are. */
  private static String trimFraction(String nine) {
    int z = nine.length() - 1;
    int dot = nine.lastIndexOf('.', z);
    if (dot < 0) {
      return nine;
    }
    int end = z;
    while (end > dot + 1 && nine.charAt(end - 1) == '0') {
      end--;
    }
    if (end == dot + 1) {
      end = dot;
    }
    return end == z ? nine : nine.substring(0, end) + "Z";
  }

  /**
   * Parses an RFC 3339 timestamp: seconds required, 0 to 9 fractional digits, an offset such as
   * {@code Z} or {@code -08:00}.
   *
   * @throws DateTimeParseException if {@code text} is not such a timestamp
   */
  public static Instant parse(CharSequence text) {
    Instant fast = parseFast(text);
    return fast != null ? fast : RFC_3339.parse(text, OffsetDateTime::from).toInstant();
  }

  // The fast paths below do by hand what the formatters do, for the one shape nearly every
  // timestamp has (years 0000-9999, UTC, 'Z'): formatting and parsing instants was a third of an
  // import's time and most of an export's encoding. Anything else goes to the formatters.

  private static final long FIRST_FAST_SECOND = LocalDate.of(0, 1, 1).toEpochDay() * 86_400;
  private static final long LAST_FAST_SECOND =
      LocalDate.of(9999, 12, 31).toEpochDay() * 86_400 + 86_399;

  /**
   * {@code yyyy-MM-ddTHH:mm:ss.fffffffffZ} with {@code digits} (1 to 9) fractional digits, cut from
   * the nine of the nanoseconds; null for a year outside 0000-9999.
   */
  public static @Nullable String formatFast(Instant instant, int digits) {
    long seconds = instant.getEpochSecond();
    if (seconds < FIRST_FAST_SECOND || seconds > LAST_FAST_SECOND) {
      return null;
    }
    LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
    int second = Math.floorMod(seconds, 86_400);
    char[] out = new char[21 + digits];
    digits(out, 0, date.getYear(), 4);
    out[4] = '-';
    digits(out, 5, date.getMonthValue(), 2);
    out[7] = '-';
    digits(out, 8, date.getDayOfMonth(), 2);
    out[10] = 'T';
    digits(out, 11, second / 3600, 2);
    out[13] = ':';
    digits(out, 14, second / 60 % 60, 2);
    out[16] = ':';
    digits(out, 17, second % 60, 2);
    out[19] = '.';
    int nanos = instant.getNano();
    for (int i = 8; i >= digits; i--) {
      nanos /= 10;
    }
    digits(out, 20, nanos, digits);
    out[20 + digits] = 'Z';
    return new String(out);
  }

  /**
   * Parses {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}; null for any other text, and for a date or time
   * that does not exist, which the formatter then refuses with its own message.
   */
  public static @Nullable Instant parseFast(CharSequence text) {
    int length = text.length();
    if (length < 20
        || length == 21
        || length > 30
        || text.charAt(length - 1) != 'Z'
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':'
        || (length > 20 && text.charAt(19) != '.')) {
      return null;
    }
    int year = number(text, 0, 4);
    int month = number(text, 5, 2);
    int day = number(text, 8, 2);
    int hour = number(text, 11, 2);
    int minute = number(text, 14, 2);
    int second = number(text, 17, 2);
    int fraction = length > 20 ? number(text, 20, length - 21) : 0;
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > 31
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59
        || fraction < 0
        || day > YearMonth.of(year, month).lengthOfMonth()) {
      return null;
    }
    for (int i = length - 21; i < 9 && length > 20; i++) {
      fraction *= 10;
    }
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(
        epochDay * 86_400 + hour * 3600L + minute * 60L + second, fraction);
  }

  private static void digits(char[] out, int at, int value, int count) {
    for (int i = at + count - 1; i >= at; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  /** The decimal number of {@code count} ASCII digits at {@code at}; -1 if one is not a digit. */
  private static int number(CharSequence text, int at, int count) {
    int value = 0;
    for (int i = at; i < at + count; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
