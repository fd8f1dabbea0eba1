package dev.tracker.core.internal.jsonl;

import dev.tracker.core.Issue;
import java.util.List;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes {@code issues.jsonl}: one issue per line, in the beads format (see {@code
 * JSONL.md}). Thread-safe; one instance can serve every workspace.
 *
 * <pre>{@code
 * AtomicFile.writeIfChanged(Path.of(".tracker/issues.jsonl"), new JsonlCodec().encode(issues));
 * }</pre>
 */
public final class JsonlCodec {

  private final JsonlWriter writer;

  /** Creates a codec. */
  public JsonlCodec() {
    JsonMapper mapper =
        // lines are ended by the writer, so that the last one gets its newline too
        JsonMapper.builder(JsonFactory.builder().rootValueSeparator((String) null).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // unknown keys are written back as read: a float must keep every digit
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    this.writer = new JsonlWriter(mapper);
  }

  /**
   * Encodes issues as the content of {@code issues.jsonl}: one compact line per issue, sorted by id
   * in UTF-8 byte order, keys in the order of the format, empty optional values left out.
   *
   * @throws IllegalArgumentException if two issues have the same id, or an extra is not one JSON
   *     value or has the name of a key of the format
   */
  public byte[] encode(List<Issue> issues) {
    return writer.write(issues);
  }
}
