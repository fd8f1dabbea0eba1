/** A daemon's whole life as the testkit gives one to a test class, beside a raw floor. */
@NullMarked
package dev.tracker.benchmarks.lifecycle;

import org.jspecify.annotations.NullMarked;
