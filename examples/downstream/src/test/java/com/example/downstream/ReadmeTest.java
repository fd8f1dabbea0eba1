package com.example.downstream;

import static dev.tracker.testkit.TrackerAssertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README shows a test class of this suite exactly as it is compiled and run. */
class ReadmeTest {

  @Test
  void the_readme_shows_git_commit_test_as_it_is() throws Exception {
    String source =
        Files.readString(Path.of("src/test/java/com/example/downstream/GitCommitTest.java"));
    String shown = source.substring(source.indexOf("import static")).strip();

    assertThat(Files.readString(Path.of("../../README.md"))).contains(shown);
  }
}
