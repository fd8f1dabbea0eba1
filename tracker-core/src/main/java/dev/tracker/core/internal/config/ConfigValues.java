package dev.tracker.core.internal.config;

import dev.tracker.core.TrackerConfig.Synchronous;
import dev.tracker.core.ValidationException;
import dev.tracker.core.internal.model.Statuses;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules for configuration values: how text from {@code config.yaml} or the environment is
 * parsed, and the checks every value passes wherever it came from. A value that breaks a rule fails
 * with a {@link ValidationException} whose message names the origin, the key and the value:
 *
 * <pre>{@code
 * ConfigValues.parse("environment TRACKER_PREFIX", ConfigKey.PREFIX, "a b");
 * // ValidationException: environment TRACKER_PREFIX: prefix must match
 * //     [A-Za-z0-9]+([_-][A-Za-z0-9]+)*, was 'a b'
 * }</pre>
 */
public final class ConfigValues {

  /** The origin of values set through {@code TrackerConfig.Builder}, as messages name it. */
  public static final String BUILDER = "builder";

  /** The longest prefix accepted. */
  public static final int MAX_PREFIX_LENGTH = 32;

  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9]+([_-][A-Za-z0-9]+)*");

  /** {@code Name <email>}, as git writes an identity. */
  public static final Pattern AUTHOR = Pattern.compile("([^<>]*[^<>\\s])\\s*<([^<>\\s]+)>");

  // At most 18 digits, so that the number always fits a long.
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,18})(ms|s|m|h)");

  private ConfigValues() {}

  /**
   * Parses and checks a value written as text.
   *
   * @param origin where the text came from, for messages: {@code .tracker/config.yaml}, {@code
   *     environment TRACKER_PREFIX}
   * @return a {@link String}, {@link Boolean}, {@link Duration}, {@link Path} (as written, maybe
   *     relative) or {@link Synchronous}, depending on the key
   * @throws ValidationException naming the origin, the key and the text
   */
  /**
   * Comma-separated status names, each a token that is not a built-in status: the list, in order,
   * without repeats.
   */
  static List<String> parseStatuses(String origin, ConfigKey key, String text) {
    List<String> names = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      String name = part.strip();
      if (name.isEmpty() || !name.matches("[a-z0-9_-]+")) {
        throw invalid(
            origin, key, "must be status names (a-z, 0-9, _ and -) separated by commas", text);
      }
      if (Statuses.BUILT_IN.contains(name)) {
        throw invalid(origin, key, "must not name a built-in status (" + name + ")", text);
      }
      if (!names.contains(name)) {
        names.add(name);
      }
    }
    return List.copyOf(names);
  }

  public static Object parse(String origin, ConfigKey key, String text) {
    return switch (key) {
      case PREFIX, ACTOR, GIT_REMOTE, GIT_AUTHOR -> checkText(origin, key, text);
      case SYNC_ENABLED, GIT_ENABLED, GIT_PUSH -> parseBoolean(origin, key, text);
      case SYNC_INTERVAL, SYNC_TIMEOUT, EXPORT_DEBOUNCE ->
          checkDuration(origin, key, parseDuration(origin, key, text), text);
      case EXPORT_PATH, DATABASE_PATH, GIT_SSH_DIRECTORY -> parsePath(origin, key, text);
      case DATABASE_SYNCHRONOUS -> parseSynchronous(origin, key, text);
      case STATUS_CUSTOM -> parseStatuses(origin, key, text);
    };
  }

  /**
   * Checks a text setting: {@code prefix} is letters and digits, maybe joined by single {@code -}
   * or {@code _}, at most {@value #MAX_PREFIX_LENGTH} long; {@code git.author} is {@code Name
   * <email>}; the others are not blank.
   *
   * @throws ValidationException naming the origin, the key and the value
   */
  public static String checkText(String origin, ConfigKey key, String value) {
    if (key != ConfigKey.PREFIX) {
      checkNotBlank(origin, key, value);
      if (key == ConfigKey.GIT_AUTHOR && !AUTHOR.matcher(value.strip()).matches()) {
        throw invalid(origin, key, "must look like 'Name <email>'", value);
      }
      return value;
    }
    if (!PREFIX.matcher(value).matches()) {
      throw invalid(origin, key, "must match " + PREFIX.pattern(), value);
    }
    if (value.length() > MAX_PREFIX_LENGTH) {
      throw invalid(origin, key, "must be at most " + MAX_PREFIX_LENGTH + " characters", value);
    }
    return value;
  }

  /**
   * Checks a duration setting: {@code sync.interval} and {@code sync.timeout} are positive, {@code
   * export.debounce} not negative.
   *
   * @param shown the value as written, for the message
   * @throws ValidationException naming the origin, the key and the value
   */
  public static Duration checkDuration(
      String origin, ConfigKey key, Duration duration, String shown) {
    if ((key == ConfigKey.SYNC_INTERVAL || key == ConfigKey.SYNC_TIMEOUT)
        && (duration.isNegative() || duration.isZero())) {
      throw invalid(origin, key, "must be positive", shown);
    }
    if (duration.isNegative()) {
      throw invalid(origin, key, "must not be negative", shown);
    }
    return duration;
  }

  private static String checkNotBlank(String origin, ConfigKey key, String value) {
    if (value.isBlank()) {
      throw invalid(origin, key, "must not be blank", value);
    }
    return value;
  }

  private static Boolean parseBoolean(String origin, ConfigKey key, String text) {
    if (text.equalsIgnoreCase("true")) {
      return true;
    }
    if (text.equalsIgnoreCase("false")) {
      return false;
    }
    throw invalid(origin, key, "must be true or false", text);
  }

  private static Duration parseDuration(String origin, ConfigKey key, String text) {
    try {
      Matcher matcher = SHORT_DURATION.matcher(text);
      if (matcher.matches()) {
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          default -> Duration.ofHours(amount);
        };
      }
      return Duration.parse(text);
    } catch (DateTimeParseException | ArithmeticException e) {
      throw invalid(origin, key, "must be a duration like 30s, 5m or PT1M", text);
    }
  }

  private static Path parsePath(String origin, ConfigKey key, String text) {
    checkNotBlank(origin, key, text);
    // A shell would expand these; Java does not, and a directory named "~" would appear instead.
    if (text.equals("~") || text.startsWith("~/") || text.startsWith("~\\")) {
      throw invalid(origin, key, "must not start with ~ (it is not expanded)", text);
    }
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw invalid(origin, key, "must be a path", text);
    }
  }

  private static Synchronous parseSynchronous(String origin, ConfigKey key, String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "full" -> Synchronous.FULL;
      case "normal" -> Synchronous.NORMAL;
      default -> throw invalid(origin, key, "must be full or normal", text);
    };
  }

  private static ValidationException invalid(
      String origin, ConfigKey key, String requirement, String value) {
    return new ValidationException(
        origin + ": " + key.key() + " " + requirement + ", was '" + value + "'");
  }
}
