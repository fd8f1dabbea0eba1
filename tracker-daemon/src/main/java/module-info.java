/**
 * tracker-daemon: serves one workspace's tracker on a Unix domain socket and keeps its {@code
 * issues.jsonl} in step in the background; and the {@code tracker} launcher. Start with {@link
 * dev.tracker.daemon.TrackerDaemon}.
 */
module dev.tracker.daemon {
  requires transitive dev.tracker.core;
  requires info.picocli;
  requires tools.jackson.core;
  requires tools.jackson.databind;
  requires org.slf4j;
  // SO_PEERCRED: the uid of the process at the other end of the socket
  requires jdk.net;
  requires static org.jspecify;

  exports dev.tracker.daemon;

  // picocli reads and fills the command classes reflectively
  opens dev.tracker.daemon.cli to
      info.picocli;
}
