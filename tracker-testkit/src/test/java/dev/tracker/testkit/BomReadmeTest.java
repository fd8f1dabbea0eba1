package dev.tracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The BOM's README and the project's README state the versions of JUnit, AssertJ and SLF4J that the
 * build uses, so that they cannot go stale when the build moves on.
 */
class BomReadmeTest {

  private static final Path ROOT = Path.of("..");

  @Test
  void the_bom_readme_states_the_versions_the_build_uses() throws IOException {
    String readme = Files.readString(ROOT.resolve("tracker-bom/README.md"));

    assertThat(readme)
        .contains("| " + property("junit.version") + " |")
        .contains("| " + property("assertj.version") + " |")
        .contains("org.junit:junit-bom:" + property("junit.version"))
        .contains("<version>" + property("slf4j.version") + "</version>")
        .contains("<version>" + projectVersion() + "</version>");
  }

  @Test
  void the_readme_states_the_versions_and_the_logging_binding() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));

    assertThat(readme)
        .contains("JUnit " + property("junit.version"))
        .contains("AssertJ " + property("assertj.version"))
        .contains("`org.slf4j:slf4j-simple` " + property("slf4j.version"))
        .contains("tracker-bom/README.md");
  }

  private static String property(String name) throws IOException {
    Matcher matcher =
        Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(parentPom());
    assertThat(matcher.find()).as("%s in the parent POM", name).isTrue();
    return matcher.group(1);
  }

  private static String projectVersion() throws IOException {
    Matcher matcher = Pattern.compile("<version>([^<]+)</version>").matcher(parentPom());
    assertThat(matcher.find()).as("the parent POM's version").isTrue();
    return matcher.group(1);
  }

  private static String parentPom() throws IOException {
    return Files.readString(ROOT.resolve("pom.xml"));
  }
}
