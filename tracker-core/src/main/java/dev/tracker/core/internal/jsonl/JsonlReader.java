package dev.tracker.core.internal.jsonl;

import dev.tracker.core.Issue;
import dev.tracker.core.JsonlFormatException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Splits a file into lines and decodes each into an issue; the first bad line stops it. An id on
 * several lines is read from the copy updated last (of those updated at the same time, the later
 * line), with a warning: real beads files have such ids, and refusing the file stopped every import
 * and sync of it.
 */
final class JsonlReader {

  private static final Logger LOG = LoggerFactory.getLogger(JsonlReader.class);

  // Jackson reports a repeated key with a plain StreamReadException; only its message tells
  private static final String DUPLICATE_KEY_MESSAGE = "Duplicate Object property ";

  // what git writes around the two (or, with diff3, three) sides of a conflicted hunk
  private static final List<String> CONFLICT_MARKERS =
      List.of("<<<<<<<", "|||||||", "=======", ">>>>>>>");

  private final JsonMapper mapper;
  private final JsonlWriter writer;

  JsonlReader(JsonMapper mapper, JsonlWriter writer) {
    this.mapper = mapper;
    this.writer = writer;
  }

  List<Issue> read(Path file, byte[] content, Instant now) {
    return read(file, content, now, false).stream().map(IssueLine::issue).toList();
  }

  /**
   * The issues with the text of their lines, kept only where the writer would not write the same
   * text for the issue.
   */
  List<IssueLine> readLines(Path file, byte[] content, Instant now) {
    return read(file, content, now, true);
  }

  private List<IssueLine> read(Path file, byte[] content, Instant now, boolean keepText) {
    // a copy that gives way to a later one leaves a null, so that the rest keep their order
    List<@Nullable IssueLine> issues = new ArrayList<>();
    Map<String, Copies> copiesOfId = new HashMap<>();
    List<Copies> repeated = new ArrayList<>(0);
    JsonOut out = writer.out(1024);
    int lineNumber = 0;
    int start = 0;
    while (start < content.length) {
      int end = endOfLine(content, start);
      lineNumber++;
      if (!isBlank(content, start, end)) {
        JsonNode node = parse(file, lineNumber, content, start, end);
        Issue issue = IssueDecoder.decode(FieldReader.ofLine(mapper, file, lineNumber, node), now);
        String source =
            !keepText || writer.writesAs(issue, content, start, end, out)
                ? null
                : new String(content, start, end - start, StandardCharsets.UTF_8);
        Copies copies = copiesOfId.get(issue.id());
        if (copies == null) {
          copiesOfId.put(issue.id(), new Copies(issue, issues.size(), lineNumber));
          issues.add(new IssueLine(issue, source));
        } else {
          if (copies.lines.size() == 1) {
            repeated.add(copies);
          }
          int kept = copies.index;
          if (copies.offer(issue, issues.size(), lineNumber)) {
            issues.set(kept, null);
            issues.add(new IssueLine(issue, source));
          }
        }
      }
      start = end + 1;
    }
    for (Copies copies : repeated) {
      LOG.warn("{}: {}", file, copies.warning());
    }
    return repeated.isEmpty() ? issues : issues.stream().filter(Objects::nonNull).toList();
  }

  /** The lines of one id, and the copy read: the one updated last, the later line on a tie. */
  private static final class Copies {
    private final String id;
    private final List<Integer> lines = new ArrayList<>(2);
    private Instant updatedAt;
    private int index;
    private int keptLine;
    private boolean tied;

    Copies(Issue issue, int index, int line) {
      this.id = issue.id();
      this.updatedAt = issue.updatedAt();
      this.index = index;
      this.keptLine = line;
      lines.add(line);
    }

    /** Whether this later copy, at {@code index} among the issues, replaces the one kept. */
    boolean offer(Issue issue, int index, int line) {
      lines.add(line);
      int order = issue.updatedAt().compareTo(updatedAt);
      if (order < 0) {
        return false;
      }
      tied = order == 0;
      updatedAt = issue.updatedAt();
      this.index = index;
      keptLine = line;
      return true;
    }

    /** Names the id, its lines and the line kept, and why that one. */
    String warning() {
      StringJoiner numbers = new StringJoiner(", ");
      lines.forEach(line -> numbers.add(Integer.toString(line)));
      return "id "
          + FieldReader.quote(id)
          + " is on lines "
          + numbers
          + "; line "
          + keptLine
          + " is kept ("
          + (tied ? "the last line with the latest updated_at" : "the latest updated_at")
          + "), the others are ignored";
    }
  }

  private JsonNode parse(Path file, int lineNumber, byte[] content, int start, int end) {
    try {
      return mapper.readTree(content, start, end - start);
    } catch (JacksonException e) {
      String message = e.getOriginalMessage();
      if (message.startsWith(DUPLICATE_KEY_MESSAGE)) {
        throw new JsonlFormatException(
            file, lineNumber, "duplicate key " + message.substring(DUPLICATE_KEY_MESSAGE.length()));
      }
      Optional<String> marker = conflictMarker(content, start, end);
      if (marker.isPresent()) {
        throw new JsonlFormatException(
            file,
            lineNumber,
            "a git conflict marker ("
                + marker.get()
                + "): the file holds an unresolved merge; resolve it (keep both sides' lines,"
                + " one per issue) and import again");
      }
      TokenStreamLocation location = e.getLocation();
      String column =
          location == null || location.getColumnNr() < 1
              ? ""
              : " (column " + location.getColumnNr() + ")";
      throw new JsonlFormatException(file, lineNumber, "not valid JSON: " + message + column);
    }
  }

  /** The marker a line starts with, if it is one of those git writes into a conflicted file. */
  private static Optional<String> conflictMarker(byte[] content, int start, int end) {
    for (String marker : CONFLICT_MARKERS) {
      int length = marker.length();
      if (end - start >= length
          && new String(content, start, length, StandardCharsets.US_ASCII).equals(marker)
          && (end - start == length
              || content[start + length] == ' '
              || content[start + length] == '\r')) {
        return Optional.of(marker);
      }
    }
    return Optional.empty();
  }

  private static int endOfLine(byte[] content, int start) {
    for (int i = start; i < content.length; i++) {
      if (content[i] == '\n') {
        return i;
      }
    }
    return content.length;
  }

  private static boolean isBlank(byte[] content, int start, int end) {
    for (int i = start; i < end; i++) {
      byte b = content[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }
}
