package dev.tracker.core.internal.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracker.core.Issue;
import dev.tracker.core.IssueField;
import dev.tracker.core.NewIssue;
import org.junit.jupiter.api.Test;

/** A builder's defaults and a line's: they differ where beads' absence means something else. */
class DefaultTest {

  @Test
  void an_issue_built_in_code_takes_the_builders_priority_and_must_be_given_created_at() {
    Issue.Builder builder = Issue.builder("x-1").set(IssueField.TITLE, "T");

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Issue x-1: created_at is not set");
    assertThat(NewIssue.builder("T").build().get(IssueField.PRIORITY))
        .isEqualTo(NewIssue.DEFAULT_PRIORITY);
  }

  @Test
  void only_a_line_being_read_has_a_time_of_reading() {
    Default.Values builderValues =
        new Default.Values() {
          @Override
          public <T> T get(IssueField<T> field) {
            throw new AssertionError("not read: " + field);
          }
        };

    assertThatThrownBy(() -> Default.timeOfReading().value(builderValues))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("only a line being read has a time of reading");
  }
}
