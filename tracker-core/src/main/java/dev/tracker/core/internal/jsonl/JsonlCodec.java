package dev.tracker.core.internal.jsonl;

import dev.tracker.core.Issue;
import dev.tracker.core.JsonlFormatException;
import dev.tracker.core.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes {@code issues.jsonl}: one issue per line, in the beads format (see {@code
 * docs/JSONL.md}). Thread-safe; one instance can serve every workspace.
 *
 * <pre>{@code
 * JsonlCodec codec = new JsonlCodec();
 * List<Issue> issues = codec.decode(Path.of(".tracker/issues.jsonl"), Instant.now());
 * AtomicFile.writeIfChanged(Path.of(".tracker/issues.jsonl"), codec.encode(issues));
 * }</pre>
 */
public final class JsonlCodec {

  /** The order of the lines of {@code issues.jsonl}: ids in UTF-8 byte order. */
  public static final Comparator<String> ID_ORDER = JsonlWriter.UTF8_ORDER;

  /** Names the source of an issue that came over the daemon's socket, not from a file. */
  private static final Path WIRE = Path.of("<daemon>");

  private final JsonMapper mapper;
  private final JsonlWriter writer;
  private final JsonlReader reader;

  /** Creates a codec. */
  public JsonlCodec() {
    JsonMapper mapper =
        // lines are ended by the writer, so that the last one gets its newline too
        JsonMapper.builder(JsonFactory.builder().rootValueSeparator((String) null).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // unknown keys are written back as read: a float must keep every digit, and its zeros
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    this.mapper = mapper;
    this.writer = new JsonlWriter(mapper);
    this.reader = new JsonlReader(mapper, writer);
  }

  /** One issue as the JSON object of its new line: the shape the daemon's protocol uses too. */
  public JsonNode toTree(Issue issue) {
    return mapper.readTree(writer.write(List.of(issue)));
  }

  /**
   * Reads one issue from the JSON object of its line.
   *
   * @throws JsonlFormatException if the object is not an issue; the message names the field
   */
  public Issue fromTree(JsonNode node, Instant now) {
    return IssueDecoder.decode(FieldReader.ofLine(mapper, WIRE, 1, node), now);
  }

  /**
   * Encodes issues as the content of {@code issues.jsonl}: one compact line per issue, sorted by id
   * in UTF-8 byte order, keys in the order of the format, empty optional values left out, strings
   * and timestamps as beads (Go) writes them.
   *
   * @throws IllegalArgumentException if two issues have the same id, or an extra is not one JSON
   *     value or has the name of a key of the format
   */
  public byte[] encode(List<Issue> issues) {
    return writer.write(issues);
  }

  /**
   * Encodes issues with the lines they were read from as the content of {@code issues.jsonl},
   * sorted by id: an issue whose line decodes to it is written as that line, byte for byte; one
   * that changed is written in its line's style (keys in the line's order, unchanged values with
   * their text as read); one without a line as {@link #encode} writes it.
   *
   * @throws IllegalArgumentException as {@link #encode} does
   */
  public byte[] encodeFile(List<IssueLine> issues) {
    return writer.file(issues);
  }

  /**
   * Encodes issues as one JSON array whose elements are the objects of their lines, in the order
   * given, written straight from the issues: no tree of nodes in between.
   *
   * @throws IllegalArgumentException as {@link #encode} does
   */
  public String encodeArray(List<Issue> issues) {
    return writer.array(issues);
  }

  /**
   * Encodes each issue as its line of {@code issues.jsonl}, {@code \n} included, in the order
   * given, as {@link #encodeFile} does: {@link #encodeFile} of the same issues is these lines in
   * {@link #ID_ORDER}.
   *
   * @throws IllegalArgumentException if an extra is not one JSON value or has the name of a key of
   *     the format
   */
  public List<byte[]> encodeLines(List<IssueLine> issues) {
    return writer.lines(issues);
  }

  /**
   * Reads and decodes a file; see {@link #decode(Path, byte[], Instant)}.
   *
   * @throws StorageException if the file cannot be read
   * @throws JsonlFormatException if a line is malformed
   */
  public List<Issue> decode(Path file, Instant now) {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new StorageException("cannot read " + file, e);
    }
    return decode(file, content, now);
  }

  /**
   * Decodes the content of a file, all of it before returning, so that a caller can refuse the
   * whole file when one line is malformed. Blank lines are skipped; missing values mean what beads
   * reads them as (status {@code open}, type {@code task}, priority 0, empty text, {@code
   * created_at} {@code now}); unknown keys are kept as extras. An id on several lines is read once,
   * from the copy with the latest {@code updated_at} (the later line of those with the same one),
   * and logged as a warning that names the id, its lines and the line kept.
   *
   * @param file the file the content came from, named in messages only
   * @param content the file's bytes, UTF-8
   * @param now the creation time of an issue whose line has none
   * @return the issues, in the order of their lines
   * @throws JsonlFormatException if a line is malformed; the message names the line, the field and
   *     the value
   */
  public List<Issue> decode(Path file, byte[] content, Instant now) {
    return reader.read(file, content, now);
  }

  /**
   * Decodes the content of a file as {@link #decode(Path, byte[], Instant)} does, keeping with each
   * issue the text of its line where {@link #encode} would not write that text for it: what {@link
   * #encodeFile} needs to write the file back byte for byte.
   *
   * @throws JsonlFormatException if a line is malformed
   */
  public List<IssueLine> decodeLines(Path file, byte[] content, Instant now) {
    return reader.readLines(file, content, now);
  }
}
