/**
 * Harnesses that time whole processes, which JMH cannot fork: {@code tracker list} against a
 * running daemon including the JVM's start ({@link dev.tracker.benchmarks.process.ListTiming}), and
 * the daemon's heap with 10K issues under {@code -Xmx64m} ({@link
 * dev.tracker.benchmarks.process.DaemonHeap}).
 */
@NullMarked
package dev.tracker.benchmarks.process;

import org.jspecify.annotations.NullMarked;
