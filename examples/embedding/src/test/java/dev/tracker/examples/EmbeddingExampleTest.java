package dev.tracker.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tracker.core.Issue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingExampleTest {

  @TempDir Path workspace;

  @Test
  void the_unblocked_issue_is_ready_and_the_file_is_written() throws Exception {
    List<Issue> ready = EmbeddingExample.planAndFinish(workspace);

    assertThat(ready).extracting(Issue::title).containsExactly("Write the store");
    assertThat(Files.readAllLines(workspace.resolve(".tracker/issues.jsonl"), UTF_8)).hasSize(2);
  }

  @Test
  void the_readme_shows_this_example_as_compiled() throws Exception {
    String source =
        Files.readString(Path.of("src/main/java/dev/tracker/examples/EmbeddingExample.java"));
    String snippet =
        source.substring(
            source.indexOf('\n', source.indexOf("// tag::embedding[]")) + 1,
            source.lastIndexOf('\n', source.indexOf("// end::embedding[]")));
    String readme = Files.readString(Path.of("../../README.md"));

    assertThat(readme).contains(snippet.stripIndent());
  }
}
