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
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Splits a file into lines and decodes each into an issue; the first bad line stops it. */
final class JsonlReader {

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
    List<IssueLine> issues = new ArrayList<>();
    Map<String, Integer> lineOfId = new HashMap<>();
    JsonOut out = writer.out(1024);
    int lineNumber = 0;
    int start = 0;
    while (start < content.length) {
      int end = endOfLine(content, start);
      lineNumber++;
      if (!isBlank(content, start, end)) {
        JsonNode node = parse(file, lineNumber, content, start, end);
        Issue issue = IssueDecoder.decode(FieldReader.ofLine(mapper, file, lineNumber, node), now);
        Integer earlier = lineOfId.putIfAbsent(issue.id(), lineNumber);
        if (earlier != null) {
          throw new JsonlFormatException(
              file,
              lineNumber,
              "duplicate id " + FieldReader.quote(issue.id()) + ", already on line " + earlier);
        }
        String source =
            !keepText || writer.writesAs(issue, content, start, end, out)
                ? null
                : new String(content, start, end - start, StandardCharsets.UTF_8);
        issues.add(new IssueLine(issue, source));
      }
      start = end + 1;
    }
    return issues;
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
