package dev.tracker.testkit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.AbstractAssert;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on the history of a git repository, from its HEAD; start with {@link
 * TrackerAssertions#assertThat(GitHistory)}. Each assertion reads the repository when called.
 */
public class GitHistoryAssert extends AbstractAssert<GitHistoryAssert, GitHistory> {

  /** Creates the assertion; prefer {@link TrackerAssertions#assertThat(GitHistory)}. */
  public GitHistoryAssert(@Nullable GitHistory actual) {
    super(actual, GitHistoryAssert.class);
  }

  /** Verifies how many commits HEAD has, itself included. */
  public GitHistoryAssert hasCommitCount(int expected) {
    List<String> messages = messages();
    if (messages.size() != expected) {
      failWithMessage(
          "Expecting repository:%n  %s%nto have %d commits but it has %d:%n  %s",
          actual.repository(), expected, messages.size(), messages);
    }
    return this;
  }

  /** Verifies the full message of the commit HEAD points to, trailing newline ignored. */
  public GitHistoryAssert hasLastCommitMessage(String expected) {
    String last = lastMessage();
    if (!last.strip().equals(expected.strip())) {
      failWithActualExpectedAndMessage(
          last,
          expected,
          "Expecting the last commit of:%n  %s%nto have the message:%n  %s%nbut was:%n  %s",
          actual.repository(),
          expected,
          last);
    }
    return this;
  }

  /** Verifies that the message of the commit HEAD points to contains the text. */
  public GitHistoryAssert hasLastCommitMessageContaining(String text) {
    String last = lastMessage();
    if (!last.contains(text)) {
      failWithMessage(
          "Expecting the last commit of:%n  %s%nto have a message containing:%n  %s%nbut was:%n  %s",
          actual.repository(), text, last);
    }
    return this;
  }

  /** Verifies that the tree of HEAD holds a file at this path ({@code /}-separated). */
  public GitHistoryAssert containsFileInHead(String path) {
    boolean found =
        read(
            (repository, walk, head) -> {
              if (head == null) {
                return false;
              }
              try (TreeWalk tree =
                  TreeWalk.forPath(repository, path, walk.parseCommit(head).getTree())) {
                return tree != null;
              }
            });
    if (!found) {
      failWithMessage(
          "Expecting HEAD of:%n  %s%nto contain the file:%n  %s%nbut it does not",
          actual.repository(), path);
    }
    return this;
  }

  private String lastMessage() {
    List<String> messages = messages();
    if (messages.isEmpty()) {
      failWithMessage(
          "Expecting repository:%n  %s%nto have commits but it has none", actual.repository());
    }
    return messages.get(0);
  }

  /** The messages of HEAD's history, newest first. */
  private List<String> messages() {
    return read(
        (repository, walk, head) -> {
          List<String> messages = new ArrayList<>();
          if (head != null) {
            walk.markStart(walk.parseCommit(head));
            for (RevCommit commit : walk) {
              messages.add(commit.getFullMessage());
            }
          }
          return messages;
        });
  }

  private interface Reading<T> {
    T read(Repository repository, RevWalk walk, @Nullable ObjectId head) throws IOException;
  }

  private <T> T read(Reading<T> reading) {
    isNotNull();
    FileRepositoryBuilder builder =
        new FileRepositoryBuilder().findGitDir(actual.repository().toFile());
    if (builder.getGitDir() == null) {
      builder.setGitDir(actual.repository().toFile());
    }
    try (Repository repository = builder.setMustExist(true).build();
        RevWalk walk = new RevWalk(repository)) {
      return reading.read(repository, walk, repository.resolve(Constants.HEAD));
    } catch (IOException e) {
      throw failure(
          "Expecting a git repository at:%n  %s%nbut it cannot be read: %s",
          actual.repository(), e.getMessage());
    }
  }
}
