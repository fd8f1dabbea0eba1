package dev.tracker.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tracker.core.internal.jsonl.BeadsFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real beads files through the database: imported and exported back byte for byte. */
class BeadsRoundTripTest {

  @TempDir Path workspace;

  @Test
  void beads_v0_40_0_imports_and_exports_back_byte_for_byte() throws Exception {
    ImportResult imported = roundTrip(BeadsFixtures.V0_40_0);

    assertThat(imported.created()).isEqualTo(679);
  }

  @Test
  void beads_2025_11_20_imports_and_exports_back_byte_for_byte() throws Exception {
    ImportResult imported = roundTrip(BeadsFixtures.NOVEMBER_2025);

    assertThat(imported.created()).isEqualTo(543);
  }

  private ImportResult roundTrip(String fixture) throws Exception {
    Path original = BeadsFixtures.copy(fixture, workspace.resolve("incoming").resolve(fixture));
    try (TrackerService tracker = Workspaces.embedded(workspace)) {
      ImportResult imported = tracker.importJsonl(original);
      ExportResult exported = tracker.exportJsonl();

      assertThat(exported.changed()).isTrue();
      assertThat(new String(Files.readAllBytes(exported.path()), UTF_8))
          .isEqualTo(new String(Files.readAllBytes(original), UTF_8));
      assertThat(exported.issues()).isEqualTo(imported.read());
      assertThat(tracker.importJsonl(exported.path()).unchanged()).isEqualTo(imported.read());
      return imported;
    }
  }
}
