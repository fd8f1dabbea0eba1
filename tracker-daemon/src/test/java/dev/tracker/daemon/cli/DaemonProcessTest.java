package dev.tracker.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracker.core.TrackerException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A start that fails leaves no daemon process behind, whatever made it fail. */
class DaemonProcessTest {

  @TempDir Path workspace;

  @AfterEach
  void killLeftovers() throws Exception {
    for (ProcessHandle child : children()) {
      child.destroyForcibly();
      child.onExit().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void a_start_that_times_out_has_stopped_its_process_when_it_throws() {
    assertThatThrownBy(() -> DaemonProcess.start(workspace, Duration.ZERO))
        .isInstanceOf(TrackerException.class)
        .hasMessageContaining("did not answer within");

    assertThat(children()).isEmpty();
  }

  @Test
  void an_interrupted_start_has_stopped_its_process_and_keeps_the_interrupt() {
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> DaemonProcess.start(workspace, Duration.ofSeconds(30)))
          .isInstanceOf(TrackerException.class)
          .hasMessageContaining("Interrupted");
    } finally {
      assertThat(Thread.interrupted()).as("the interrupt flag").isTrue();
    }

    assertThat(children()).isEmpty();
  }

  /** This JVM's live child processes started for the workspace. */
  private List<ProcessHandle> children() {
    return ProcessHandle.current()
        .children()
        .filter(ProcessHandle::isAlive)
        .filter(
            child ->
                child
                    .info()
                    .arguments()
                    .map(arguments -> List.of(arguments).contains(workspace.toString()))
                    .orElse(false))
        .toList();
  }
}
