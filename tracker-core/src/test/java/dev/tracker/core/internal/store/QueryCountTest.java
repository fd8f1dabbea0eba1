package dev.tracker.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracker.core.DependencyType;
import dev.tracker.core.Issue;
import dev.tracker.core.IssueFilter;
import dev.tracker.core.NewIssue;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads cost one statement however many issues, labels, links and comments there are. */
class QueryCountTest {

  private static final int ISSUES = 60;

  @TempDir Path workspace;
  private final AtomicInteger statements = new AtomicInteger();
  private LocalBackend backend;

  @BeforeEach
  void fill() {
    ExecuteListener counter =
        new ExecuteListener() {
          @Override
          public void executeStart(ExecuteContext context) {
            statements.incrementAndGet();
          }
        };
    backend = new LocalBackend(StoreTests.config(workspace), c -> Database.open(c, counter));
    Issue previous = null;
    for (int i = 0; i < ISSUES; i++) {
      Issue issue = backend.create(NewIssue.builder("issue " + i).label("a", "b").build());
      backend.addComment(issue.id(), "note " + i);
      if (previous != null && i % 2 == 0) {
        backend.addDependency(issue.id(), previous.id(), DependencyType.BLOCKS);
      }
      previous = issue;
    }
  }

  @AfterEach
  void closeBackend() {
    backend.close();
  }

  private int statementsOf(Runnable read) {
    statements.set(0);
    read.run();
    return statements.get();
  }

  @Test
  void list_is_one_statement() {
    assertThat(statementsOf(() -> assertThat(backend.list(IssueFilter.all())).hasSize(ISSUES)))
        .isEqualTo(1);
  }

  @Test
  void ready_is_one_statement() {
    assertThat(statementsOf(() -> assertThat(backend.ready(IssueFilter.all())).isNotEmpty()))
        .isEqualTo(1);
  }

  @Test
  void blocked_is_one_statement() {
    assertThat(statementsOf(() -> assertThat(backend.blocked()).isNotEmpty())).isEqualTo(1);
  }

  @Test
  void a_filtered_list_is_one_statement() {
    IssueFilter filter = IssueFilter.builder().label("a", "b").text("issue").limit(10).build();
    assertThat(statementsOf(() -> assertThat(backend.list(filter)).hasSize(10))).isEqualTo(1);
  }
}
