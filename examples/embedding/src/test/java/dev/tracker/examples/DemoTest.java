package dev.tracker.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTest {

  @TempDir Path workspace;

  @Test
  void the_demo_shows_ready_work_before_and_after_closing_the_blocker() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    Demo.run(workspace, new PrintStream(bytes, true, UTF_8));

    String output = bytes.toString(UTF_8);
    String before = output.substring(output.indexOf("Ready:"), output.indexOf("Closing"));
    String after = output.substring(output.indexOf("Closing"), output.indexOf("Blocked:"));
    assertThat(before).contains("Design the schema", "Document the API");
    assertThat(before).doesNotContain("Write the store", "Release 0.1");
    assertThat(after).contains("Write the store", "Document the API");
    assertThat(after).doesNotContain("P1  Design the schema");
    assertThat(output.substring(output.indexOf("Blocked:"))).contains("Release 0.1  waits on");
    assertThat(output).contains(".tracker/issues.jsonl").contains("\"close_reason\":\"Reviewed\"");
  }
}
