package dev.tracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracker.build.ApiSignatures;
import org.junit.jupiter.api.Test;

/**
 * The API is what the module descriptor exports, and it speaks only its own types, the JDK's and
 * those of the modules it passes on (tracker-core, tracker-daemon, JUnit's API, AssertJ): no type
 * of an internal package, not even as the extension an annotation names.
 */
class PublicApiTest {

  private static final ApiSignatures API = ApiSignatures.of(TrackerDaemonTest.class);

  @Test
  void the_api_is_the_public_types_of_the_exported_package() {
    assertThat(API.module()).isEqualTo("dev.tracker.testkit");
    assertThat(API.types())
        .contains(
            TrackerDaemonTest.class,
            LeakCheck.class,
            TrackerAssertions.class,
            TrackerCustomizer.class,
            TrackerWorkspace.LockFile.class,
            DaemonConnection.Answer.class)
        .doesNotContain(TrackerTestExtension.class, LeakCheckTestExtension.class)
        .allSatisfy(type -> assertThat(type.getPackageName()).isEqualTo("dev.tracker.testkit"));
  }

  @Test
  void public_signatures_name_no_internal_or_library_type() {
    assertThat(API.leaks()).isEmpty();
  }
}
