package dev.tracker.core.internal.jsonl;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracker.core.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

  private static final FileTime OLD = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));

  @TempDir Path dir;

  @Test
  void a_new_file_is_written() throws IOException {
    Path target = dir.resolve("issues.jsonl");

    boolean written = AtomicFile.writeIfChanged(target, bytes("{\"id\":\"a\"}\n"));

    assertThat(written).isTrue();
    assertThat(target).hasContent("{\"id\":\"a\"}");
    assertThat(filesIn(dir)).containsExactly(target);
  }

  @Test
  void missing_parent_directories_are_created() {
    Path target = dir.resolve(".tracker/sub/issues.jsonl");

    assertThat(AtomicFile.writeIfChanged(target, bytes("x\n"))).isTrue();

    assertThat(target).hasBinaryContent(bytes("x\n"));
  }

  @Test
  void writing_the_same_bytes_again_touches_nothing() throws IOException {
    Path target = dir.resolve("issues.jsonl");
    AtomicFile.writeIfChanged(target, bytes("same\n"));
    Files.setLastModifiedTime(target, OLD);

    boolean written = AtomicFile.writeIfChanged(target, bytes("same\n"));

    assertThat(written).isFalse();
    assertThat(Files.getLastModifiedTime(target)).isEqualTo(OLD);
    assertThat(filesIn(dir)).containsExactly(target);
  }

  @Test
  void different_content_replaces_the_file() throws IOException {
    Path target = dir.resolve("issues.jsonl");
    Files.write(target, bytes("old\n"));
    Files.setLastModifiedTime(target, OLD);

    boolean written = AtomicFile.writeIfChanged(target, bytes("new\n"));

    assertThat(written).isTrue();
    assertThat(target).hasBinaryContent(bytes("new\n"));
    assertThat(Files.getLastModifiedTime(target)).isNotEqualTo(OLD);
    assertThat(filesIn(dir)).containsExactly(target);
  }

  @Test
  void content_of_the_same_length_is_compared_byte_by_byte() {
    Path target = dir.resolve("issues.jsonl");
    AtomicFile.writeIfChanged(target, bytes("abc\n"));

    assertThat(AtomicFile.writeIfChanged(target, bytes("abd\n"))).isTrue();

    assertThat(target).hasBinaryContent(bytes("abd\n"));
  }

  @Test
  void a_failed_rename_leaves_the_old_content_and_no_temp_file() throws IOException {
    Path target = dir.resolve("issues.jsonl");
    Files.write(target, bytes("old\n"));
    IOException diskFull = new IOException("disk full");
    AtomicFile.Mover failing =
        (source, to) -> {
          assertThat(source).hasBinaryContent(bytes("new\n"));
          throw diskFull;
        };

    assertThatThrownBy(() -> AtomicFile.writeIfChanged(target, bytes("new\n"), failing))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining(target.toString())
        .hasCause(diskFull);

    assertThat(target).hasBinaryContent(bytes("old\n"));
    assertThat(filesIn(dir)).containsExactly(target);
  }

  @Test
  void a_parent_that_is_a_file_is_a_storage_failure() throws IOException {
    Path notADirectory = dir.resolve("plain");
    Files.write(notADirectory, bytes("x"));
    Path target = notADirectory.resolve("issues.jsonl");

    assertThatThrownBy(() -> AtomicFile.writeIfChanged(target, bytes("new\n")))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining(target.toString())
        .hasCauseInstanceOf(IOException.class);

    assertThat(filesIn(dir)).containsExactly(notADirectory);
  }

  @Test
  void an_unchecked_failure_of_the_rename_also_removes_the_temp_file() throws IOException {
    Path target = dir.resolve("issues.jsonl");
    Files.write(target, bytes("old\n"));
    IllegalStateException broken = new IllegalStateException("broken");

    assertThatThrownBy(
            () ->
                AtomicFile.writeIfChanged(
                    target,
                    bytes("new\n"),
                    (source, to) -> {
                      throw broken;
                    }))
        .isSameAs(broken);

    assertThat(target).hasBinaryContent(bytes("old\n"));
    assertThat(filesIn(dir)).containsExactly(target);
  }

  @Test
  void the_temp_file_is_hidden_and_next_to_the_target() {
    Path target = dir.resolve("issues.jsonl");
    List<Path> moved = new ArrayList<>();

    AtomicFile.writeIfChanged(
        target,
        bytes("x\n"),
        (source, to) -> {
          moved.add(source);
          Files.move(source, to);
        });

    assertThat(moved)
        .singleElement()
        .satisfies(
            temp -> {
              assertThat(temp.getParent()).isEqualTo(dir);
              assertThat(temp.getFileName().toString()).startsWith(".issues.jsonl");
            });
    assertThat(target).hasBinaryContent(bytes("x\n"));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }

  private static List<Path> filesIn(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.toList();
    }
  }
}
