package dev.tracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracker.testkit.internal.extension.TrackerExtension;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Requires;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The module exports its API package alone, opens it to JUnit alone (which creates the extensions,
 * package-private classes there), and passes on what its API speaks (tests run on the class path,
 * so the descriptor is read, not used).
 */
class ModuleDescriptorTest {

  private static ModuleDescriptor descriptor() throws Exception {
    Path classes =
        Path.of(TrackerExtension.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
      return ModuleDescriptor.read(in);
    } catch (IOException e) {
      throw new AssertionError("no module-info.class in " + classes, e);
    }
  }

  @Test
  void exports_the_api_alone_and_opens_it_to_junit_alone() throws Exception {
    ModuleDescriptor module = descriptor();

    assertThat(module.name()).isEqualTo("dev.tracker.testkit");
    assertThat(module.exports())
        .singleElement()
        .satisfies(
            exports -> {
              assertThat(exports.source()).isEqualTo("dev.tracker.testkit");
              assertThat(exports.isQualified()).isFalse();
            });
    assertThat(module.opens())
        .singleElement()
        .satisfies(
            opens -> {
              assertThat(opens.source()).isEqualTo("dev.tracker.testkit");
              assertThat(opens.targets()).containsExactly("org.junit.platform.commons");
            });
  }

  @Test
  void requires_transitively_what_its_api_speaks() throws Exception {
    assertThat(descriptor().requires())
        .filteredOn(requires -> requires.modifiers().contains(Requires.Modifier.TRANSITIVE))
        .extracting(Requires::name)
        .containsExactlyInAnyOrder(
            "dev.tracker.core",
            "dev.tracker.daemon",
            "org.junit.jupiter.api",
            "org.assertj.core",
            "tools.jackson.databind");
  }
}
