/** Turns JMH's JSON results and the recorded facts into the table of docs/PERFORMANCE.md. */
@NullMarked
package dev.tracker.benchmarks.report;

import org.jspecify.annotations.NullMarked;
