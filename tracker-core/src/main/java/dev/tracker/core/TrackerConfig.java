package dev.tracker.core;

import static dev.tracker.core.internal.config.ConfigKey.ACTOR;
import static dev.tracker.core.internal.config.ConfigKey.DATABASE_PATH;
import static dev.tracker.core.internal.config.ConfigKey.EXPORT_DEBOUNCE;
import static dev.tracker.core.internal.config.ConfigKey.EXPORT_PATH;
import static dev.tracker.core.internal.config.ConfigKey.GIT_AUTHOR;
import static dev.tracker.core.internal.config.ConfigKey.GIT_ENABLED;
import static dev.tracker.core.internal.config.ConfigKey.GIT_PUSH;
import static dev.tracker.core.internal.config.ConfigKey.GIT_REMOTE;
import static dev.tracker.core.internal.config.ConfigKey.GIT_SSH_DIRECTORY;
import static dev.tracker.core.internal.config.ConfigKey.PREFIX;
import static dev.tracker.core.internal.config.ConfigKey.SYNC_ENABLED;
import static dev.tracker.core.internal.config.ConfigKey.SYNC_INTERVAL;
import static dev.tracker.core.internal.config.ConfigKey.SYNC_TIMEOUT;

import dev.tracker.core.internal.config.ConfigLayers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The settings of one workspace, immutable. Values come from, in rising precedence: the defaults,
 * {@code .tracker/config.yaml}, {@code TRACKER_*} environment variables, and the builder.
 *
 * <pre>{@code
 * TrackerConfig config = TrackerConfig.builder(workspace).prefix("app").build();
 * try (TrackerService tracker = TrackerService.embedded(config)) { ... }
 * }</pre>
 *
 * <p>Keys of {@code config.yaml}, nested ({@code sync:} then {@code interval: 30s}) or dotted
 * ({@code sync.interval: 30s}): {@code prefix}, {@code actor}, {@code sync.enabled}, {@code
 * sync.interval}, {@code sync.timeout}, {@code export.debounce}, {@code export.path}, {@code
 * git.enabled}, {@code git.remote}, {@code git.push}, {@code git.author}, {@code
 * git.ssh-directory}, {@code database.path}, {@code database.synchronous}. The variable for a key
 * is {@code TRACKER_} and the key in upper case with {@code _} for {@code .} and {@code -}: {@code
 * TRACKER_SYNC_INTERVAL}. An unknown key in the file is an error; an unknown {@code TRACKER_}
 * variable is ignored, as are empty variables and keys without a value.
 *
 * <p>Values: booleans {@code true} or {@code false} in any case; durations {@code 500ms}, {@code
 * 30s}, {@code 5m}, {@code 1h} or ISO-8601 ({@code PT30S}); {@code database.synchronous} {@code
 * full} or {@code normal}; paths relative to the workspace. A bad value, from any source including
 * the builder, fails {@link Builder#build()} with a {@link ValidationException} that names the
 * source, the key and the value:
 *
 * <pre>
 * .tracker/config.yaml: sync.interval must be a duration like 30s, 5m or PT1M, was 'soon'
 * </pre>
 */
public final class TrackerConfig {

  /** The directory in a workspace that holds tracker's files. */
  public static final String DIRECTORY = ".tracker";

  /** The prefix of new ids unless configured. */
  public static final String DEFAULT_PREFIX = "tr";

  /** How long a sync waits for the remote unless {@code sync.timeout} says otherwise. */
  public static final Duration DEFAULT_SYNC_TIMEOUT = Duration.ofSeconds(30);

  /** How SQLite makes a commit durable ({@code PRAGMA synchronous}). */
  public enum Synchronous {
    /** A committed write survives a power loss. The default. */
    FULL,
    /** A committed write survives a crash of the process, not always a power loss. Faster. */
    NORMAL
  }

  private final Path workspace;
  private final String prefix;
  private final String actor;
  private final boolean syncEnabled;
  private final Duration syncInterval;
  private final Duration syncTimeout;
  private final Duration exportDebounce;
  private final boolean gitEnabled;
  private final String gitRemote;
  private final boolean gitPush;
  private final @Nullable String gitAuthor;
  private final Path gitSshDirectory;
  private final Path databasePath;
  private final Path exportPath;
  private final Synchronous synchronous;
  private final List<String> customStatuses;
  private final Clock clock;

  private TrackerConfig(Builder builder, Resolved resolved) {
    this.workspace = builder.workspace;
    this.prefix = resolved.prefix;
    this.actor = resolved.actor;
    this.syncEnabled = resolved.syncEnabled;
    this.syncInterval = resolved.syncInterval;
    this.syncTimeout = resolved.syncTimeout;
    this.exportDebounce = resolved.exportDebounce;
    this.gitEnabled = resolved.gitEnabled;
    this.gitRemote = resolved.gitRemote;
    this.gitPush = resolved.gitPush;
    this.gitAuthor = resolved.gitAuthor;
    this.gitSshDirectory = resolved.gitSshDirectory;
    this.databasePath = resolved.databasePath;
    this.exportPath = resolved.exportPath;
    this.synchronous = resolved.synchronous;
    this.customStatuses = resolved.customStatuses;
    this.clock = builder.clock;
  }

  /** Reads the configuration of a workspace: defaults, {@code config.yaml}, environment. */
  public static TrackerConfig load(Path workspace) {
    return builder(workspace).build();
  }

  /** Starts a configuration for the workspace; unset values come from file and environment. */
  public static Builder builder(Path workspace) {
    return new Builder(workspace);
  }

  /** The workspace directory, absolute. */
  public Path workspace() {
    return workspace;
  }

  /** The {@code .tracker} directory of the workspace. */
  public Path trackerDirectory() {
    return workspace.resolve(DIRECTORY);
  }

  /** The prefix of new ids: {@code <prefix>-<hash>}. */
  public String prefix() {
    return prefix;
  }

  /** Who is recorded as creating and changing issues; the OS user unless configured. */
  public String actor() {
    return actor;
  }

  /** Whether the daemon syncs periodically. */
  public boolean syncEnabled() {
    return syncEnabled;
  }

  /** How often the daemon syncs. */
  public Duration syncInterval() {
    return syncInterval;
  }

  /**
   * How long a sync waits for the remote: to connect, and for each answer it waits for. Default
   * {@link #DEFAULT_SYNC_TIMEOUT}.
   */
  public Duration syncTimeout() {
    return syncTimeout;
  }

  /** How long the daemon waits after a change before it exports. */
  public Duration exportDebounce() {
    return exportDebounce;
  }

  /** Whether sync commits to git; on by default when the workspace is a git repository. */
  public boolean gitEnabled() {
    return gitEnabled;
  }

  /** The remote sync pulls from and pushes to. */
  public String gitRemote() {
    return gitRemote;
  }

  /** Whether sync pushes. */
  public boolean gitPush() {
    return gitPush;
  }

  /** The author of sync commits, {@code Name <email>}; absent to use git's own configuration. */
  public Optional<String> gitAuthor() {
    return Optional.ofNullable(gitAuthor);
  }

  /**
   * The directory SSH remotes take their {@code config}, {@code known_hosts} and keys from,
   * absolute; {@code ~/.ssh} unless configured.
   */
  public Path gitSshDirectory() {
    return gitSshDirectory;
  }

  /** The SQLite database, absolute. */
  public Path databasePath() {
    return databasePath;
  }

  /** The JSONL file, absolute. */
  public Path exportPath() {
    return exportPath;
  }

  /** How SQLite makes commits durable. */
  public Synchronous synchronous() {
    return synchronous;
  }

  /**
   * The statuses this workspace uses besides the built-in ones ({@code status.custom}); an issue
   * may have a built-in status or one of these, and nothing else.
   */
  public List<String> customStatuses() {
    return customStatuses;
  }

  /** The clock for new timestamps. */
  public Clock clock() {
    return clock;
  }

  @Override
  public String toString() {
    return "TrackerConfig[workspace="
        + workspace
        + ", prefix="
        + prefix
        + ", database="
        + databasePath
        + ", export="
        + exportPath
        + "]";
  }

  /** Values after defaults, file, environment and builder were applied, checked. */
  private record Resolved(
      String prefix,
      String actor,
      boolean syncEnabled,
      Duration syncInterval,
      Duration syncTimeout,
      Duration exportDebounce,
      boolean gitEnabled,
      String gitRemote,
      boolean gitPush,
      @Nullable String gitAuthor,
      Path gitSshDirectory,
      Path databasePath,
      Path exportPath,
      Synchronous synchronous,
      List<String> customStatuses) {}

  /**
   * Builds a {@link TrackerConfig}. A value set here wins over the environment and the file. {@link
   * #build()} checks every value.
   */
  public static final class Builder {
    private final Path workspace;
    private @Nullable String prefix;
    private @Nullable String actor;
    private @Nullable Boolean syncEnabled;
    private @Nullable Duration syncInterval;
    private @Nullable Duration syncTimeout;
    private @Nullable Duration exportDebounce;
    private @Nullable Boolean gitEnabled;
    private @Nullable String gitRemote;
    private @Nullable Boolean gitPush;
    private @Nullable String gitAuthor;
    private @Nullable Path gitSshDirectory;
    private @Nullable Path databasePath;
    private @Nullable Path exportPath;
    private @Nullable Synchronous synchronous;
    private @Nullable List<String> customStatuses;
    private Clock clock = Clock.systemUTC();
    private Map<String, String> environment = System.getenv();
    private boolean readConfigFile = true;

    private Builder(Path workspace) {
      this.workspace = workspace.toAbsolutePath().normalize();
    }

    /** Sets the prefix of new ids. */
    public Builder prefix(String prefix) {
      this.prefix = prefix;
      return this;
    }

    /** Sets who is recorded as creating and changing issues. */
    public Builder actor(String actor) {
      this.actor = actor;
      return this;
    }

    /** Turns periodic sync on or off. */
    public Builder syncEnabled(boolean syncEnabled) {
      this.syncEnabled = syncEnabled;
      return this;
    }

    /** Sets how often the daemon syncs; positive. */
    public Builder syncInterval(Duration syncInterval) {
      this.syncInterval = syncInterval;
      return this;
    }

    /**
     * Sets how long a sync waits for the remote: to connect, and for each answer it waits for;
     * positive. A remote that does not answer within it fails the sync.
     */
    public Builder syncTimeout(Duration syncTimeout) {
      this.syncTimeout = syncTimeout;
      return this;
    }

    /** Sets how long the daemon waits after a change before it exports; not negative. */
    public Builder exportDebounce(Duration exportDebounce) {
      this.exportDebounce = exportDebounce;
      return this;
    }

    /** Turns git on or off for sync. */
    public Builder gitEnabled(boolean gitEnabled) {
      this.gitEnabled = gitEnabled;
      return this;
    }

    /** Sets the remote sync pulls from and pushes to. */
    public Builder gitRemote(String gitRemote) {
      this.gitRemote = gitRemote;
      return this;
    }

    /** Turns pushing on or off. */
    public Builder gitPush(boolean gitPush) {
      this.gitPush = gitPush;
      return this;
    }

    /** Sets the author of sync commits, {@code Name <email>}. */
    public Builder gitAuthor(String gitAuthor) {
      this.gitAuthor = gitAuthor;
      return this;
    }

    /**
     * Sets the directory SSH remotes take their {@code config}, {@code known_hosts} and keys from;
     * relative paths are resolved against the workspace.
     */
    public Builder gitSshDirectory(Path gitSshDirectory) {
      this.gitSshDirectory = gitSshDirectory;
      return this;
    }

    /** Sets the SQLite database file; relative paths are resolved against the workspace. */
    public Builder databasePath(Path databasePath) {
      this.databasePath = databasePath;
      return this;
    }

    /** Sets the JSONL file; relative paths are resolved against the workspace. */
    public Builder exportPath(Path exportPath) {
      this.exportPath = exportPath;
      return this;
    }

    /** Sets how SQLite makes commits durable; {@link Synchronous#FULL} unless set. */
    public Builder synchronous(Synchronous synchronous) {
      this.synchronous = synchronous;
      return this;
    }

    /** Sets the clock for new timestamps; the system clock in UTC unless set. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * The statuses the workspace uses besides the built-in ones; each a name of a-z, 0-9, {@code _}
     * and {@code -} that is not built in.
     */
    public Builder customStatuses(List<String> customStatuses) {
      this.customStatuses = List.copyOf(customStatuses);
      return this;
    }

    /** Reads {@code TRACKER_*} variables from this map instead of the process environment. */
    public Builder environment(Map<String, String> environment) {
      this.environment = Map.copyOf(environment);
      return this;
    }

    /** Whether to read {@code .tracker/config.yaml}; true unless set. */
    public Builder readConfigFile(boolean readConfigFile) {
      this.readConfigFile = readConfigFile;
      return this;
    }

    /**
     * Builds the configuration: reads {@code .tracker/config.yaml} (unless turned off) and the
     * environment, checks every value of every source, and lets the builder's values win.
     *
     * @throws ValidationException naming the source, the key and the bad value
     * @throws StorageException if {@code config.yaml} exists but cannot be read
     */
    public TrackerConfig build() {
      ConfigLayers layers = ConfigLayers.read(workspace, readConfigFile, environment);
      Path trackerDirectory = workspace.resolve(DIRECTORY);
      boolean gitRepository = Files.exists(workspace.resolve(".git"));
      Resolved resolved =
          new Resolved(
              layers.text(PREFIX, prefix, DEFAULT_PREFIX),
              layers.text(ACTOR, actor, defaultActor()),
              layers.flag(SYNC_ENABLED, syncEnabled, true),
              layers.duration(SYNC_INTERVAL, syncInterval, Duration.ofSeconds(30)),
              layers.duration(SYNC_TIMEOUT, syncTimeout, DEFAULT_SYNC_TIMEOUT),
              layers.duration(EXPORT_DEBOUNCE, exportDebounce, Duration.ofMillis(500)),
              layers.flag(GIT_ENABLED, gitEnabled, gitRepository),
              layers.text(GIT_REMOTE, gitRemote, "origin"),
              layers.flag(GIT_PUSH, gitPush, true),
              layers.optionalText(GIT_AUTHOR, gitAuthor),
              layers.path(GIT_SSH_DIRECTORY, gitSshDirectory, defaultSshDirectory()),
              layers.path(DATABASE_PATH, databasePath, trackerDirectory.resolve("tracker.db")),
              layers.path(EXPORT_PATH, exportPath, trackerDirectory.resolve("issues.jsonl")),
              layers.synchronous(synchronous, Synchronous.FULL),
              layers.statuses(customStatuses));
      return new TrackerConfig(this, resolved);
    }

    private static Path defaultSshDirectory() {
      return Path.of(System.getProperty("user.home"), ".ssh");
    }

    private static String defaultActor() {
      String user = System.getProperty("user.name", "");
      return user.isBlank() ? "tracker" : user;
    }
  }
}
