/**
 * JUnit Jupiter extensions for tests of programs that use tracker: {@link
 * dev.tracker.testkit.TrackerDaemonTest} runs a daemon per test class (or method) in a temporary
 * workspace and injects its clients; {@link dev.tracker.testkit.TrackerTest} does the same for an
 * embedded {@link dev.tracker.core.TrackerService}; {@link dev.tracker.testkit.LeakCheck} fails a
 * class that leaves threads, file descriptors, services or connections behind. {@link
 * dev.tracker.testkit.TrackerAssertions} adds assertions for issues, {@code issues.jsonl} files and
 * git history to AssertJ's; {@link dev.tracker.testkit.DaemonAwait} waits on a daemon's own events.
 */
@NullMarked
package dev.tracker.testkit;

import org.jspecify.annotations.NullMarked;
