package dev.tracker.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The repository's documents link only what it holds, so that they stand alone; and the check that
 * says so finds what it is meant to, in a small repository made for it.
 */
class DocLinksTest {

  /** The repository this module is built in, from the build. */
  static Path repository() {
    String path = System.getProperty("tracker.repository");
    assertThat(path).as("the build sets tracker.repository").isNotNull();
    return Path.of(path).toAbsolutePath().normalize();
  }

  static Stream<Named<Path>> documents() {
    return DocLinks.documents(repository()).stream()
        .map(document -> Named.of(repository().relativize(document).toString(), document));
  }

  @Test
  void the_readme_and_every_document_under_docs_are_checked() {
    assertThat(DocLinks.documents(repository()))
        .contains(
            repository().resolve("README.md"),
            repository().resolve("docs/ARCHITECTURE.md"),
            repository().resolve("docs/PROTOCOL.md"),
            repository().resolve("docs/decisions/0004-build-checks.md"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documents")
  void every_relative_link_of_a_document_names_a_file_of_the_repository(Path document) {
    assertThat(DocLinks.broken(repository(), document)).isEmpty();
  }

  @Test
  void a_missing_file_and_a_path_outside_the_repository_are_found_with_their_line(
      @TempDir Path directory) throws IOException {
    Path root = Files.createDirectories(directory.resolve("repo"));
    Files.createDirectories(root.resolve("docs/decisions"));
    Files.writeString(root.resolve("docs/decisions/0001-x.md"), "# 1\n");
    Files.writeString(root.resolve("src.txt"), "source\n");
    Path document = root.resolve("docs/A.md");
    Files.writeString(
        document,
        """
        # A
        Fine: [a decision](decisions/0001-x.md#context), [the source](../src.txt),
        [the site](https://example.com/missing.md), [here](#a), ![img](/src.txt).
        Missing: [the format](JSONL.md).
        Outside: [design](../../shared/DESIGN.md), and `../shared/DESIGN.md` in code.
        ```
        [not a link in a code block](nowhere.md)
        ```
        [ref]: missing/ref.md
        A [link that goes on over
        a line break](missing/too.md), and a `code span that
        goes on too: ../src.txt`.
        """);

    assertThat(DocLinks.broken(root, document))
        .containsExactly(
            "docs/A.md:4: JSONL.md does not exist (docs/JSONL.md)",
            "docs/A.md:5: ../../shared/DESIGN.md points outside the repository",
            "docs/A.md:5: ../shared/DESIGN.md does not exist (shared/DESIGN.md)",
            "docs/A.md:9: missing/ref.md does not exist (docs/missing/ref.md)",
            "docs/A.md:10: missing/too.md does not exist (docs/missing/too.md)");
  }
}
