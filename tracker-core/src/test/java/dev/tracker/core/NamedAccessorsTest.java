package dev.tracker.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The named accessors of {@link NewIssue} and {@link IssueUpdate} read the field their setter
 * wrote: each is a line of sugar over {@code get(field)}, and a swapped pair would compile.
 */
class NamedAccessorsTest {

  @Test
  void each_named_accessor_of_a_new_issue_reads_the_field_its_setter_wrote() {
    NewIssue issue =
        NewIssue.builder("the title")
            .description("the description")
            .design("the design")
            .acceptanceCriteria("the criteria")
            .notes("the notes")
            .status(Status.IN_PROGRESS)
            .priority(1)
            .type(IssueType.BUG)
            .assignee("the assignee")
            .owner("the owner")
            .externalRef("the ref")
            .label("b", "a")
            .build();

    assertThat(issue.title()).isEqualTo("the title").isEqualTo(issue.get(IssueField.TITLE));
    assertThat(issue.description()).isEqualTo("the description");
    assertThat(issue.design()).isEqualTo("the design");
    assertThat(issue.acceptanceCriteria()).isEqualTo("the criteria");
    assertThat(issue.notes()).isEqualTo("the notes");
    assertThat(issue.status()).isEqualTo(Status.IN_PROGRESS);
    assertThat(issue.priority()).isEqualTo(1);
    assertThat(issue.issueType()).isEqualTo(IssueType.BUG);
    assertThat(issue.assignee()).isEqualTo("the assignee");
    assertThat(issue.owner()).isEqualTo("the owner").isEqualTo(issue.get(IssueField.OWNER));
    assertThat(issue.externalRef()).isEqualTo("the ref");
    assertThat(issue.labels()).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void each_named_accessor_of_an_update_reads_the_field_its_setter_wrote_and_null_if_unset() {
    IssueUpdate empty = IssueUpdate.builder().build();
    IssueUpdate update =
        IssueUpdate.builder()
            .title("the title")
            .description("the description")
            .design("the design")
            .acceptanceCriteria("the criteria")
            .notes("the notes")
            .status(Status.BLOCKED)
            .priority(3)
            .type(IssueType.FEATURE)
            .assignee("the assignee")
            .owner("the owner")
            .externalRef("the ref")
            .build();

    assertThat(update.title()).isEqualTo("the title");
    assertThat(update.description()).isEqualTo("the description");
    assertThat(update.design()).isEqualTo("the design");
    assertThat(update.acceptanceCriteria()).isEqualTo("the criteria");
    assertThat(update.notes()).isEqualTo("the notes");
    assertThat(update.status()).isEqualTo(Status.BLOCKED);
    assertThat(update.priority()).isEqualTo(3);
    assertThat(update.issueType()).isEqualTo(IssueType.FEATURE);
    assertThat(update.assignee()).isEqualTo("the assignee");
    assertThat(update.owner()).isEqualTo("the owner");
    assertThat(update.externalRef()).isEqualTo("the ref");
    assertThat(update.fields()).hasSize(11);
    assertThat(empty.fields()).isEmpty();
    assertThat(empty.title()).isNull();
    assertThat(empty.priority()).isNull();
    assertThat(empty.status()).isNull();
  }
}
