package dev.tracker.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracker.build.ApiSignatures;
import java.lang.module.ModuleDescriptor;
import org.junit.jupiter.api.Test;

/**
 * The API is what the module descriptor exports, and it speaks only its own types, the JDK's and
 * those of the modules it passes on: no type of an internal package, no jOOQ, HikariCP, SQLite,
 * Jackson or JGit.
 */
class PublicApiTest {

  private static final ApiSignatures API = ApiSignatures.of(TrackerService.class);

  @Test
  void the_api_is_the_public_types_of_the_exported_package() {
    assertThat(API.module()).isEqualTo("dev.tracker.core");
    assertThat(API.types())
        .contains(TrackerService.class, TrackerConfig.Builder.class, TrackerException.class)
        .allSatisfy(type -> assertThat(type.getPackageName()).isEqualTo("dev.tracker.core"));
  }

  @Test
  void public_signatures_name_no_internal_or_library_type() {
    assertThat(API.leaks()).isEmpty();
  }

  @Test
  void internal_packages_are_exported_only_to_the_project_modules_that_need_them() {
    Module core = TrackerService.class.getModule();

    assertThat(core.getDescriptor().exports())
        .filteredOn(exports -> !exports.isQualified())
        .extracting(ModuleDescriptor.Exports::source)
        .containsExactly("dev.tracker.core");
    assertThat(core.getDescriptor().exports())
        .filteredOn(ModuleDescriptor.Exports::isQualified)
        .allSatisfy(
            exports ->
                assertThat(exports.targets())
                    .isNotEmpty()
                    .isSubsetOf("dev.tracker.daemon", "dev.tracker.testkit"));
    assertThat(core.getDescriptor().exports())
        .filteredOn(exports -> exports.source().equals("dev.tracker.core.internal"))
        .singleElement()
        .satisfies(exports -> assertThat(exports.targets()).containsExactly("dev.tracker.testkit"));
  }
}
