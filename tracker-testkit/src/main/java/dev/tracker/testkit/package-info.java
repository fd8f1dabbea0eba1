/**
 * tracker-testkit: JUnit Jupiter extensions that run a tracker daemon per test class, AssertJ
 * assertions for issues, JSONL files and git history, and helpers that wait on a daemon's own
 * events.
 */
@NullMarked
package dev.tracker.testkit;

import org.jspecify.annotations.NullMarked;
