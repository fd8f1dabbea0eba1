package dev.tracker.testkit;

import java.nio.file.Path;

/**
 * The history of a git repository, for {@link TrackerAssertions#assertThat(GitHistory)}.
 *
 * <pre>{@code
 * assertThat(GitHistory.of(workspace.root())).hasCommitCount(2).containsFileInHead(".tracker/issues.jsonl");
 * }</pre>
 *
 * @param repository the repository's work tree (or a bare repository)
 */
public record GitHistory(Path repository) {

  /** The history of the repository at this path. */
  public static GitHistory of(Path repository) {
    return new GitHistory(repository);
  }
}
