package dev.tracker.testkit;

import dev.tracker.core.Issue;
import java.nio.file.Path;
import org.assertj.core.api.Assertions;
import org.jspecify.annotations.Nullable;

/**
 * The one entry point for assertions: every AssertJ assertion, plus those for issues, {@code
 * issues.jsonl} files and git history. Import it instead of {@link Assertions}.
 *
 * <pre>{@code
 * import static dev.tracker.testkit.TrackerAssertions.assertThat;
 *
 * assertThat(tracker.get(id)).isClosed();
 * assertThat(workspace.jsonl()).hasIssueCount(3).containsIssue(id);
 * assertThat(GitHistory.of(workspace.root())).hasLastCommitMessageContaining("issues changed");
 * assertThat(List.of(1, 2)).hasSize(2); // AssertJ as usual
 * }</pre>
 */
public class TrackerAssertions extends Assertions {

  /** For a project's own entry point that extends this one, as this one extends AssertJ's. */
  protected TrackerAssertions() {}

  /** Starts assertions on an issue; a null issue fails every assertion but {@code isNull()}. */
  public static IssueAssert assertThat(@Nullable Issue actual) {
    return new IssueAssert(actual);
  }

  /**
   * Starts assertions on a file: AssertJ's path assertions, and those of an {@code issues.jsonl}
   * file.
   */
  public static JsonlFileAssert assertThat(@Nullable Path actual) {
    return new JsonlFileAssert(actual);
  }

  /** Starts assertions on a repository's history. */
  public static GitHistoryAssert assertThat(@Nullable GitHistory actual) {
    return new GitHistoryAssert(actual);
  }
}
