package com.example.downstream;

import static java.util.stream.Collectors.joining;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The testkit's javadoc shows a test class of this suite exactly as it is compiled and run. */
class JavadocExampleTest {

  @Test
  void daemon_await_shows_background_export_test_as_it_is() throws Exception {
    String source =
        Files.readString(Path.of("src/test/java/com/example/downstream/BackgroundExportTest.java"));
    String shown = source.substring(source.indexOf("@TrackerDaemonTest")).strip();

    assertThat(example("../../tracker-testkit/src/main/java/dev/tracker/testkit/DaemonAwait.java"))
        .isEqualTo(shown);
  }

  /** The code of the first example ({@literal <pre>}, then a code tag) of a class's javadoc. */
  private static String example(String file) throws Exception {
    String javadoc = Files.readString(Path.of(file));
    int start = javadoc.indexOf("<pre>{@code");
    int end = javadoc.indexOf("}</pre>", start);
    assertThat(start).as("an example in %s", file).isNotNegative();
    return javadoc
        .substring(start + "<pre>{@code".length(), end)
        .lines()
        .map(line -> line.replaceFirst("^\\s*\\* ?", ""))
        .collect(joining("\n"))
        .strip();
  }
}
