package dev.tracker.core.internal.config;

import dev.tracker.core.StorageException;
import dev.tracker.core.TrackerConfig.Synchronous;
import dev.tracker.core.ValidationException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Resolves each setting through the layers, in rising precedence: a default, {@code
 * .tracker/config.yaml}, {@code TRACKER_*} environment variables, and the value set on the builder.
 *
 * <pre>{@code
 * ConfigLayers layers = ConfigLayers.read(workspace, true, System.getenv());
 * Duration interval = layers.duration(ConfigKey.SYNC_INTERVAL, builderValue, Duration.ofSeconds(30));
 * }</pre>
 *
 * <p>Every value of the file and the environment is checked when they are read, including those a
 * higher layer overrides, so a broken file fails even where it is not used. A builder value is
 * checked by the same rules when it is resolved. Variables starting with {@code TRACKER_} that name
 * no key are ignored: the environment is shared with other programs. An empty variable counts as
 * unset, as a key without a value in the file does.
 */
public final class ConfigLayers {

  private final Path workspace;
  private final Map<ConfigKey, Object> values;

  private ConfigLayers(Path workspace, Map<ConfigKey, Object> values) {
    this.workspace = workspace;
    this.values = values;
  }

  /**
   * Reads the file (unless {@code readFile} is false) and the environment.
   *
   * @param workspace the workspace, absolute
   * @throws ValidationException naming the source, the key and the value of the first bad value
   * @throws StorageException if the file exists but cannot be read
   */
  public static ConfigLayers read(
      Path workspace, boolean readFile, Map<String, String> environment) {
    Map<ConfigKey, Object> values = new EnumMap<>(ConfigKey.class);
    if (readFile) {
      ConfigFile.read(workspace)
          .forEach((key, text) -> values.put(key, ConfigValues.parse(ConfigFile.NAME, key, text)));
    }
    for (ConfigKey key : ConfigKey.values()) {
      String text = environment.get(key.environmentVariable());
      if (text != null && !text.isEmpty()) {
        String origin = "environment " + key.environmentVariable();
        values.put(key, ConfigValues.parse(origin, key, text));
      }
    }
    return new ConfigLayers(workspace, values);
  }

  /**
   * A text setting ({@code prefix}, {@code actor}, {@code git.remote}).
   *
   * @param own the builder's value, or null if not set
   * @throws ValidationException if the builder's value is not valid
   */
  public String text(ConfigKey key, @Nullable String own, String fallback) {
    String text = optionalText(key, own);
    return text != null ? text : fallback;
  }

  /** A text setting without a default ({@code git.author}); null when no layer sets it. */
  public @Nullable String optionalText(ConfigKey key, @Nullable String own) {
    if (own != null) {
      return ConfigValues.checkText(ConfigValues.BUILDER, key, own);
    }
    return get(key, String.class);
  }

  /** A boolean setting ({@code sync.enabled}, {@code git.enabled}, {@code git.push}). */
  public boolean flag(ConfigKey key, @Nullable Boolean own, boolean fallback) {
    return first(own, get(key, Boolean.class), fallback);
  }

  /**
   * A duration setting ({@code sync.interval}, {@code export.debounce}).
   *
   * @throws ValidationException if the builder's value is out of range
   */
  public Duration duration(ConfigKey key, @Nullable Duration own, Duration fallback) {
    if (own != null) {
      return ConfigValues.checkDuration(ConfigValues.BUILDER, key, own, own.toString());
    }
    return first(null, get(key, Duration.class), fallback);
  }

  /**
   * A path setting ({@code database.path}, {@code export.path}, {@code git.ssh-directory}),
   * resolved against the workspace.
   */
  public Path path(ConfigKey key, @Nullable Path own, Path fallback) {
    return workspace.resolve(first(own, get(key, Path.class), fallback)).normalize();
  }

  /**
   * The {@code status.custom} setting: the builder's list, checked, else the layers'.
   *
   * @throws ValidationException if the builder's list is not valid
   */
  public List<String> statuses(@Nullable List<String> own) {
    if (own != null) {
      return own.isEmpty()
          ? List.of()
          : ConfigValues.parseStatuses(
              ConfigValues.BUILDER, ConfigKey.STATUS_CUSTOM, String.join(",", own));
    }
    List<?> fromLayers = get(ConfigKey.STATUS_CUSTOM, List.class);
    return fromLayers == null ? List.of() : fromLayers.stream().map(String::valueOf).toList();
  }

  /** The {@code database.synchronous} setting. */
  public Synchronous synchronous(@Nullable Synchronous own, Synchronous fallback) {
    return first(own, get(ConfigKey.DATABASE_SYNCHRONOUS, Synchronous.class), fallback);
  }

  private <T> @Nullable T get(ConfigKey key, Class<T> type) {
    return type.cast(values.get(key));
  }

  private static <T> T first(@Nullable T own, @Nullable T fromLayers, T fallback) {
    if (own != null) {
      return own;
    }
    return fromLayers != null ? fromLayers : fallback;
  }
}
