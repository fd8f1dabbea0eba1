/**
 * tracker-testkit: JUnit Jupiter extensions for tests of programs that use tracker, AssertJ
 * assertions for issues, JSONL files and git history, and helpers that wait on a daemon's events.
 * Start with {@link dev.tracker.testkit.TrackerDaemonTest}, {@link
 * dev.tracker.testkit.TrackerTest}, {@link dev.tracker.testkit.LeakCheck} and {@link
 * dev.tracker.testkit.TrackerAssertions}.
 */
// JGit has no module descriptor, only an Automatic-Module-Name
@SuppressWarnings("requires-automatic")
module dev.tracker.testkit {
  requires transitive dev.tracker.core;
  requires transitive dev.tracker.daemon;
  requires transitive org.junit.jupiter.api;
  requires transitive org.assertj.core;
  // DaemonConnection.Answer gives the daemon's answer as a Jackson tree
  requires transitive tools.jackson.databind;
  requires org.eclipse.jgit;
  // the count of open file descriptors where /proc/self/fd is missing
  requires jdk.management;
  requires static org.jspecify;

  exports dev.tracker.testkit;

  // JUnit instantiates the extensions the annotations name: package-private classes of this package
  opens dev.tracker.testkit to
      org.junit.platform.commons;
}
