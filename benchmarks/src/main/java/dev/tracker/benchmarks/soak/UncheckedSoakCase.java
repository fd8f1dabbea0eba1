package dev.tracker.benchmarks.soak;

import dev.tracker.testkit.TrackerDaemonTest;

/**
 * {@link SoakCase} without the leak check: the floor of the soak's time, the same classes doing the
 * same work with nothing checked after them.
 */
@TrackerDaemonTest(leakCheck = false)
public class UncheckedSoakCase extends SoakCase {}
