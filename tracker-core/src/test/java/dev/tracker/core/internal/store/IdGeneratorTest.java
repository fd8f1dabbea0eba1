package dev.tracker.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracker.core.Issue;
import dev.tracker.core.NewIssue;
import java.nio.file.Path;
import java.time.Instant;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdGeneratorTest {

  @TempDir Path workspace;

  @Test
  void the_hash_grows_with_the_number_of_issues() {
    assertThat(IdGenerator.lengthFor(0)).isEqualTo(4);
    assertThat(IdGenerator.lengthFor(150)).isEqualTo(4);
    assertThat(IdGenerator.lengthFor(1_000)).isEqualTo(5);
    assertThat(IdGenerator.lengthFor(5_000)).isEqualTo(6);
    assertThat(IdGenerator.lengthFor(100_000)).isEqualTo(8);
    assertThat(IdGenerator.lengthFor(Long.MAX_VALUE / 1_000_000)).isEqualTo(IdGenerator.MAX_LENGTH);
  }

  @Test
  void a_hash_is_base36_of_the_asked_length() {
    String hash = IdGenerator.hash("title", Instant.EPOCH, 42, 6);

    assertThat(hash).hasSize(6).matches("[0-9a-z]{6}");
    assertThat(IdGenerator.hash("title", Instant.EPOCH, 42, 6)).isEqualTo(hash);
    assertThat(IdGenerator.hash("title", Instant.EPOCH, 43, 6)).isNotEqualTo(hash);
  }

  @Test
  void a_collision_is_resolved_by_a_new_salt_then_a_longer_hash() {
    // a generator whose "random" salt never changes collides on every attempt at one length
    RandomGenerator constant = () -> 7L;
    IdGenerator ids = new IdGenerator("tr", constant);
    try (Database database = Database.open(StoreTests.config(workspace))) {
      IssueCommands commands =
          new IssueCommands(
              java.time.Clock.fixed(Instant.EPOCH, java.time.ZoneOffset.UTC),
              "t",
              ids,
              java.util.List.of());
      Issue first = database.write(dsl -> commands.create(dsl, NewIssue.of("same")));
      Issue second = database.write(dsl -> commands.create(dsl, NewIssue.of("same")));

      assertThat(first.id()).hasSize("tr-".length() + 4);
      assertThat(second.id()).hasSize("tr-".length() + 5);
    }
  }
}
