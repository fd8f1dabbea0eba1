/**
 * The leak soak: 1,000 test classes, each with a daemon of its own through the testkit, in one JVM
 * through the JUnit Platform launcher, sampling live threads, open file descriptors and the heap
 * after GC every 100 classes into a CSV and a PNG plot.
 */
@NullMarked
package dev.tracker.benchmarks.soak;

import org.jspecify.annotations.NullMarked;
