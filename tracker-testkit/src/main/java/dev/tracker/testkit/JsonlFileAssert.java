package dev.tracker.testkit;

import dev.tracker.core.Issue;
import dev.tracker.core.internal.jsonl.JsonlCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.AbstractPathAssert;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on a file, with those of an {@code issues.jsonl} file on top: every AssertJ path
 * assertion works too. Start with {@link TrackerAssertions#assertThat(Path)}.
 *
 * <pre>{@code
 * assertThat(workspace.jsonl()).hasIssueCount(2).containsIssue(id).issue(id).isClosed();
 * }</pre>
 *
 * <p>Each JSONL assertion reads the file as it is when called, with the library's own reader: a
 * malformed line fails the assertion with its line number.
 */
public class JsonlFileAssert extends AbstractPathAssert<JsonlFileAssert> {

  private static final JsonlCodec CODEC = new JsonlCodec();

  /** Creates the assertion; prefer {@link TrackerAssertions#assertThat(Path)}. */
  public JsonlFileAssert(@Nullable Path actual) {
    super(actual, JsonlFileAssert.class);
  }

  /** Verifies how many issues (lines) the file holds, tombstones included. */
  public JsonlFileAssert hasIssueCount(int expected) {
    List<Issue> issues = issues();
    if (issues.size() != expected) {
      failWithMessage(
          "Expecting file:%n  %s%nto hold %d issues but it holds %d:%n  %s",
          actual, expected, issues.size(), issues.stream().map(Issue::id).toList());
    }
    return this;
  }

  /** Verifies that the file holds an issue with this id. */
  public JsonlFileAssert containsIssue(String id) {
    find(id);
    return this;
  }

  /** Verifies that the file holds no issue with this id. */
  public JsonlFileAssert doesNotContainIssue(String id) {
    if (lookup(id).isPresent()) {
      failWithMessage("Expecting file:%n  %s%nnot to hold issue %s but it does", actual, id);
    }
    return this;
  }

  /** Verifies that the file holds the issue, and continues with assertions on it. */
  public IssueAssert issue(String id) {
    return new IssueAssert(find(id));
  }

  /** The issues of the file, in the order of its lines. */
  public List<Issue> issues() {
    isNotNull();
    if (!Files.isRegularFile(actual)) {
      failWithMessage("Expecting file:%n  %s%nto exist but it does not", actual);
    }
    try {
      return CODEC.decode(actual, Instant.EPOCH);
    } catch (RuntimeException e) {
      throw failure("Expecting file:%n  %s%nto be valid JSONL but: %s", actual, e.getMessage());
    }
  }

  private Issue find(String id) {
    return lookup(id)
        .orElseThrow(
            () ->
                failure(
                    "Expecting file:%n  %s%nto hold issue:%n  %s%nbut it holds:%n  %s",
                    actual, id, issues().stream().map(Issue::id).toList()));
  }

  private Optional<Issue> lookup(String id) {
    return issues().stream().filter(issue -> issue.id().equals(id)).findFirst();
  }
}
