package dev.tracker.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
 * <p>Keys of {@code config.yaml} (nested or dotted) and their variables: {@code prefix} ({@code
 * TRACKER_PREFIX}), {@code actor}, {@code sync.enabled}, {@code sync.interval}, {@code
 * export.debounce}, {@code export.path}, {@code git.enabled}, {@code git.remote}, {@code
 * git.push}, {@code git.author}, {@code database.path}, {@code database.synchronous}. An unknown
 * key or a bad value fails {@link Builder#build()} with a {@link ValidationException} that names
 * the key and where it came from.
 */
public final class TrackerConfig {

  /** The directory in a workspace that holds tracker's files. */
  public static final String DIRECTORY = ".tracker";

  /** The prefix of new ids unless configured. */
  public static final String DEFAULT_PREFIX = "tr";

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
  private final Duration exportDebounce;
  private final boolean gitEnabled;
  private final String gitRemote;
  private final boolean gitPush;
  private final @Nullable String gitAuthor;
  private final Path databasePath;
  private final Path exportPath;
  private final Synchronous synchronous;
  private final Clock clock;

  private TrackerConfig(Builder builder, Resolved resolved) {
    this.workspace = builder.workspace;
    this.prefix = resolved.prefix;
    this.actor = resolved.actor;
    this.syncEnabled = resolved.syncEnabled;
    this.syncInterval = resolved.syncInterval;
    this.exportDebounce = resolved.exportDebounce;
    this.gitEnabled = resolved.gitEnabled;
    this.gitRemote = resolved.gitRemote;
    this.gitPush = resolved.gitPush;
    this.gitAuthor = resolved.gitAuthor;
    this.databasePath = resolved.databasePath;
    this.exportPath = resolved.exportPath;
    this.synchronous = resolved.synchronous;
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
      Duration exportDebounce,
      boolean gitEnabled,
      String gitRemote,
      boolean gitPush,
      @Nullable String gitAuthor,
      Path databasePath,
      Path exportPath,
      Synchronous synchronous) {}

  /**
   * Builds a {@link TrackerConfig}. A value set here wins over the environment and the file.
   * {@link #build()} checks every value.
   */
  public static final class Builder {
    private final Path workspace;
    private @Nullable String prefix;
    private @Nullable String actor;
    private @Nullable Boolean syncEnabled;
    private @Nullable Duration syncInterval;
    private @Nullable Duration exportDebounce;
    private @Nullable Boolean gitEnabled;
    private @Nullable String gitRemote;
    private @Nullable Boolean gitPush;
    private @Nullable String gitAuthor;
    private @Nullable Path databasePath;
    private @Nullable Path exportPath;
    private @Nullable Synchronous synchronous;
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
     * Builds the configuration.
     *
     * @throws ValidationException naming the key, its source and the bad value
     */
    public TrackerConfig build() {
      // TODO(config): read config.yaml and the environment; builder values win.
      Path trackerDirectory = workspace.resolve(DIRECTORY);
      Resolved resolved =
          new Resolved(
              prefix != null ? prefix : DEFAULT_PREFIX,
              actor != null ? actor : System.getProperty("user.name", "tracker"),
              syncEnabled != null ? syncEnabled : true,
              syncInterval != null ? syncInterval : Duration.ofSeconds(30),
              exportDebounce != null ? exportDebounce : Duration.ofMillis(500),
              gitEnabled != null ? gitEnabled : Files.exists(workspace.resolve(".git")),
              gitRemote != null ? gitRemote : "origin",
              gitPush != null ? gitPush : true,
              gitAuthor,
              workspace.resolve(
                  databasePath != null ? databasePath : trackerDirectory.resolve("tracker.db")),
              workspace.resolve(
                  exportPath != null ? exportPath : trackerDirectory.resolve("issues.jsonl")),
              synchronous != null ? synchronous : Synchronous.FULL);
      return new TrackerConfig(this, resolved);
    }
  }
}
