package dev.tracker.core.internal.config;

import dev.tracker.core.StorageException;
import dev.tracker.core.TrackerConfig;
import dev.tracker.core.ValidationException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLAnchorReplayingFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads {@code .tracker/config.yaml} into its values as text, keyed by {@link ConfigKey}. Keys may
 * be nested ({@code sync:} then {@code interval: 30s} below it) or dotted ({@code sync.interval:
 * 30s}). A missing or empty file has no values; a key with no value (or {@code ~}) is unset.
 *
 * <pre>{@code
 * Map<ConfigKey, String> values = ConfigFile.read(workspace);
 * }</pre>
 */
public final class ConfigFile {

  /** The file relative to the workspace, as messages name it. */
  public static final String NAME = TrackerConfig.DIRECTORY + "/config.yaml";

  /** {@code key: value} at the start of a line, the value a plain word of safe characters. */
  private static final Pattern SIMPLE_LINE =
      Pattern.compile("([A-Za-z][A-Za-z0-9_.]*): +([A-Za-z0-9_./@+-]+) *");

  /** Words YAML reads as something else than the text (booleans, nulls, numbers in disguise). */
  private static final Pattern NOT_PLAIN_TEXT =
      Pattern.compile(
          "(?i)true|false|yes|no|on|off|y|n|null|[0-9.eE+-]*[.eE+-][0-9.eE+-]*|0[0-9]+|0[xXoObB].*|.*[.]inf|.*[.]nan");

  /**
   * The YAML parser, built on first use: anchors replayed so that an alias reads as its value, not
   * as the anchor's name; duplicate keys rejected rather than the last one silently winning. A file
   * of plain {@code key: value} lines (what {@code tracker init} writes) never needs it, and
   * building it loads and initialises a few hundred classes, a good part of a command's start.
   */
  private static final class Yaml {
    static final YAMLMapper MAPPER =
        YAMLMapper.builder(new YAMLAnchorReplayingFactory())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
  }

  private ConfigFile() {}

  /** The file in a workspace. */
  public static Path path(Path workspace) {
    return workspace.resolve(TrackerConfig.DIRECTORY).resolve("config.yaml");
  }

  /**
   * Reads the file of a workspace.
   *
   * @return the values set, in the order of the file; empty if the file is missing or empty
   * @throws ValidationException if the file is not YAML, has an unknown key, or a list or map where
   *     a value belongs
   * @throws StorageException if the file exists but cannot be read
   */
  public static Map<ConfigKey, String> read(Path workspace) {
    Path file = path(workspace);
    String content;
    try {
      content = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Map.of();
    } catch (CharacterCodingException e) {
      throw new ValidationException(NAME + ": is not UTF-8 text", e);
    } catch (IOException e) {
      throw new StorageException("cannot read " + file, e);
    }
    return parse(content);
  }

  /**
   * Parses the text of a config file.
   *
   * @throws ValidationException as {@link #read(Path)} does
   */
  public static Map<ConfigKey, String> parse(String content) {
    Map<ConfigKey, String> simple = parseSimple(content);
    if (simple != null) {
      return simple;
    }
    JsonNode root;
    try {
      root = Yaml.MAPPER.readTree(content);
    } catch (JacksonException e) {
      throw new ValidationException(NAME + ": is not valid YAML" + where(e) + reason(e), e);
    }
    // Jackson gives null for a document with no content ("---"), MissingNode for an empty one.
    if (root == null || isUnset(root)) {
      return Map.of();
    }
    if (!root.isObject()) {
      throw new ValidationException(
          NAME + ": must be a map of keys to values, was '" + shown(root) + "'");
    }
    Map<ConfigKey, String> values = new LinkedHashMap<>();
    flatten("", root, values);
    return values;
  }

  /**
   * The values of a file made only of blank lines, comment lines and {@code key: value} lines with
   * known keys, each once, and plain words as values, which YAML reads as the same text; null for
   * anything else, which the YAML parser then reads (and refuses with its messages).
   */
  private static @Nullable Map<ConfigKey, String> parseSimple(String content) {
    Map<ConfigKey, String> values = new LinkedHashMap<>();
    for (String line : content.split("\n", -1)) {
      String text = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
      if (text.isBlank() || text.startsWith("#")) {
        continue;
      }
      Matcher matcher = SIMPLE_LINE.matcher(text);
      if (!matcher.matches() || NOT_PLAIN_TEXT.matcher(matcher.group(2)).matches()) {
        return null;
      }
      Optional<ConfigKey> key = ConfigKey.of(matcher.group(1));
      if (key.isEmpty() || values.putIfAbsent(key.get(), matcher.group(2)) != null) {
        return null;
      }
    }
    return values;
  }

  private static void flatten(String section, JsonNode map, Map<ConfigKey, String> values) {
    for (Map.Entry<String, JsonNode> entry : map.properties()) {
      String name = section.isEmpty() ? entry.getKey() : section + "." + entry.getKey();
      JsonNode node = entry.getValue();
      Optional<ConfigKey> key = ConfigKey.of(name);
      if (key.isPresent()) {
        put(key.get(), node, values);
      } else if (!ConfigKey.isSection(name)) {
        throw new ValidationException(
            NAME + ": unknown key '" + name + "'; known keys: " + ConfigKey.knownKeys());
      } else if (node.isObject()) {
        flatten(name, node, values);
      } else if (!isUnset(node)) {
        // An unset section ("sync:" with every key below commented out) is merely empty.
        throw new ValidationException(
            NAME + ": " + name + " must be a map of keys, was '" + shown(node) + "'");
      }
    }
  }

  private static void put(ConfigKey key, JsonNode node, Map<ConfigKey, String> values) {
    if (node.isContainer()) {
      String kind = node.isArray() ? "a list" : "a map";
      throw new ValidationException(
          String.format(
              "%s: %s must be a single value, not %s, was '%s'", NAME, key, kind, shown(node)));
    }
    if (isUnset(node)) {
      return;
    }
    // Possible when a key is written both nested and dotted.
    if (values.putIfAbsent(key, node.asString()) != null) {
      throw new ValidationException(NAME + ": " + key + " is set twice");
    }
  }

  private static String shown(JsonNode node) {
    return node.isContainer() ? node.toString() : node.asString();
  }

  /**
   * Whether a node means "no value". Jackson reads only {@code null} and nothing as null; YAML 1.2
   * also counts {@code ~}, which users write for "unset".
   */
  private static boolean isUnset(JsonNode node) {
    return node.isNull()
        || node.isMissingNode()
        || (node.isString() && node.asString().equals("~"));
  }

  private static String where(JacksonException e) {
    TokenStreamLocation location = e.getLocation();
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  // The parser's own message runs over several lines with an excerpt; its first line says what.
  private static String reason(JacksonException e) {
    String message = e.getOriginalMessage();
    if (message == null || message.isBlank()) {
      return "";
    }
    return ": " + message.strip().lines().findFirst().orElse("");
  }
}
