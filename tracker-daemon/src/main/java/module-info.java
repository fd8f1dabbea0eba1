/** tracker-daemon: the per-workspace daemon and the {@code tracker} launcher. */
module dev.tracker.daemon {
  requires dev.tracker.core;
  requires info.picocli;
  requires tools.jackson.databind;
  requires static org.jspecify;

  // picocli reads and fills the command classes reflectively
  opens dev.tracker.daemon.cli to
      info.picocli;
}
