package dev.tracker.core.internal.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The keys of {@code .tracker/config.yaml}, each with the environment variable that sets it.
 *
 * <pre>{@code
 * ConfigKey.of("sync.interval");               // Optional[SYNC_INTERVAL]
 * ConfigKey.SYNC_INTERVAL.environmentVariable(); // "TRACKER_SYNC_INTERVAL"
 * }</pre>
 */
public enum ConfigKey {
  /** The prefix of new ids. */
  PREFIX("prefix"),
  /** Who is recorded as creating and changing issues. */
  ACTOR("actor"),
  /** Whether the daemon syncs periodically. */
  SYNC_ENABLED("sync.enabled"),
  /** How often the daemon syncs. */
  SYNC_INTERVAL("sync.interval"),
  /** How long a sync waits for the remote to answer. */
  SYNC_TIMEOUT("sync.timeout"),
  /** How long the daemon waits after a change before it exports. */
  EXPORT_DEBOUNCE("export.debounce"),
  /** The JSONL file. */
  EXPORT_PATH("export.path"),
  /** Whether sync commits to git. */
  GIT_ENABLED("git.enabled"),
  /** The remote sync pulls from and pushes to. */
  GIT_REMOTE("git.remote"),
  /** Whether sync pushes. */
  GIT_PUSH("git.push"),
  /** The author of sync commits. */
  GIT_AUTHOR("git.author"),
  /** The directory of SSH's config, known hosts and keys. */
  GIT_SSH_DIRECTORY("git.ssh-directory"),
  /** The SQLite database file. */
  DATABASE_PATH("database.path"),
  /** How SQLite makes a commit durable. */
  DATABASE_SYNCHRONOUS("database.synchronous"),
  /** Statuses the workspace uses besides the built-in ones, comma-separated. */
  STATUS_CUSTOM("status.custom");

  /** The start of every variable name that sets a key. */
  public static final String ENVIRONMENT_PREFIX = "TRACKER_";

  private final String key;
  private final String environmentVariable;

  ConfigKey(String key) {
    this.key = key;
    this.environmentVariable =
        ENVIRONMENT_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** The key as written in {@code config.yaml}, dotted: {@code sync.interval}. */
  public String key() {
    return key;
  }

  /**
   * The environment variable that sets this key: {@code TRACKER_SYNC_INTERVAL}, {@code
   * TRACKER_GIT_SSH_DIRECTORY} ({@code -} is not allowed in a shell variable's name).
   */
  public String environmentVariable() {
    return environmentVariable;
  }

  /** The key written as {@code key} (dotted), or empty if there is none. */
  public static Optional<ConfigKey> of(String key) {
    return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
  }

  /**
   * Whether {@code name} is a section that holds keys, like {@code sync} holds {@code
   * sync.interval}.
   */
  public static boolean isSection(String name) {
    return Arrays.stream(values()).anyMatch(k -> k.key.startsWith(name + "."));
  }

  /** Every key, comma-separated, for messages. */
  public static String knownKeys() {
    return Arrays.stream(values()).map(ConfigKey::key).collect(Collectors.joining(", "));
  }

  /** The dotted key. */
  @Override
  public String toString() {
    return key;
  }
}
