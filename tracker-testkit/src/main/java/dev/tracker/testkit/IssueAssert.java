package dev.tracker.testkit;

import dev.tracker.core.Comment;
import dev.tracker.core.DependencyType;
import dev.tracker.core.Issue;
import dev.tracker.core.IssueType;
import dev.tracker.core.Status;
import java.util.List;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on an {@link Issue}; start with {@link TrackerAssertions#assertThat(Issue)}.
 *
 * <pre>{@code
 * assertThat(tracker.get(id)).isOpen().hasPriority(1).hasLabels("auth").dependsOn(designId);
 * }</pre>
 */
public class IssueAssert extends AbstractAssert<IssueAssert, Issue> {

  /** Creates the assertion; prefer {@link TrackerAssertions#assertThat(Issue)}. */
  public IssueAssert(@Nullable Issue actual) {
    super(actual, IssueAssert.class);
  }

  /** Verifies the issue's id. */
  public IssueAssert hasId(String expected) {
    return has("id", expected, issue().id());
  }

  /** Verifies the issue's title. */
  public IssueAssert hasTitle(String expected) {
    return has("title", expected, issue().title());
  }

  /** Verifies the issue's description. */
  public IssueAssert hasDescription(String expected) {
    return has("description", expected, issue().description());
  }

  /** Verifies the issue's status. */
  public IssueAssert hasStatus(Status expected) {
    return has("status", expected, issue().status());
  }

  /** Verifies that the issue is {@link Status#OPEN}. */
  public IssueAssert isOpen() {
    return hasStatus(Status.OPEN);
  }

  /** Verifies that the issue is {@link Status#CLOSED}, with the close time set. */
  public IssueAssert isClosed() {
    hasStatus(Status.CLOSED);
    if (actual.closedAt() == null) {
      failWithMessage("Expecting issue %s to have a close time but it has none", actual.id());
    }
    return this;
  }

  /** Verifies that the issue is a tombstone: deleted, and kept. */
  public IssueAssert isTombstone() {
    if (!issue().isTombstone()) {
      failWithMessage(
          "Expecting issue:%n  %s%nto be a tombstone but its status is %s and it has no deletion"
              + " time",
          actual.id(), actual.status());
    }
    return this;
  }

  /** Verifies the issue's priority. */
  public IssueAssert hasPriority(int expected) {
    return has("priority", expected, issue().priority());
  }

  /** Verifies the issue's type. */
  public IssueAssert hasType(IssueType expected) {
    return has("issue_type", expected, issue().issueType());
  }

  /** Verifies the issue's assignee. */
  public IssueAssert hasAssignee(String expected) {
    return has("assignee", expected, issue().assignee());
  }

  /** Verifies that the issue has exactly these labels, in any order. */
  public IssueAssert hasLabels(String... expected) {
    List<String> wanted = List.of(expected).stream().sorted().distinct().toList();
    return has("labels", wanted, issue().labels());
  }

  /** Verifies that the issue depends on {@code id} through a {@code blocks} link. */
  public IssueAssert dependsOn(String id) {
    return dependsOn(id, DependencyType.BLOCKS);
  }

  /** Verifies that the issue depends on {@code id} through a link of the given type. */
  public IssueAssert dependsOn(String id, DependencyType type) {
    if (!issue().dependsOn(type).contains(id)) {
      failWithMessage(
          "Expecting issue:%n  %s%nto depend on:%n  %s (%s)%nbut its dependencies are:%n  %s",
          actual.id(), id, type, actual.dependencies());
    }
    return this;
  }

  /** Verifies that one of the issue's comments has exactly this text. */
  public IssueAssert hasComment(String text) {
    if (issue().comments().stream().map(Comment::text).noneMatch(text::equals)) {
      failWithMessage(
          "Expecting issue:%n  %s%nto have a comment:%n  %s%nbut its comments are:%n  %s",
          actual.id(), text, actual.comments().stream().map(Comment::text).toList());
    }
    return this;
  }

  private Issue issue() {
    isNotNull();
    return actual;
  }

  private IssueAssert has(String field, Object expected, Object value) {
    if (!Objects.equals(expected, value)) {
      failWithActualExpectedAndMessage(
          value,
          expected,
          "Expecting issue:%n  %s%nto have %s:%n  %s%nbut was:%n  %s",
          actual.id(),
          field,
          expected,
          value);
    }
    return this;
  }
}
