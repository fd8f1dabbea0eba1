package dev.tracker.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracker.build.ApiSignatures;
import org.junit.jupiter.api.Test;

/**
 * The API is what the module descriptor exports, and it speaks only its own types, the JDK's and
 * those of tracker-core: no type of an internal package, of picocli or of Jackson.
 */
class PublicApiTest {

  private static final ApiSignatures API = ApiSignatures.of(TrackerDaemon.class);

  @Test
  void the_api_is_the_public_types_of_the_exported_package() {
    assertThat(API.module()).isEqualTo("dev.tracker.daemon");
    assertThat(API.types())
        .contains(TrackerDaemon.class, TrackerDaemon.Builder.class, DaemonShutdownException.class)
        .allSatisfy(type -> assertThat(type.getPackageName()).isEqualTo("dev.tracker.daemon"));
  }

  @Test
  void public_signatures_name_no_internal_or_library_type() {
    assertThat(API.leaks()).isEmpty();
  }
}
