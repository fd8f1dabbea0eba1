package dev.tracker.testkit;

import dev.tracker.testkit.internal.extension.TrackerExtension;

/**
 * The extension {@link TrackerDaemonTest} and {@link TrackerTest} register, as JUnit's own
 * annotations do ({@code @ParameterizedTest} names a package-private class): package-private in the
 * API package, so that the annotations name no type of an internal package, and instantiated by
 * JUnit, to which the module opens this package. The work is done in {@link TrackerExtension}.
 */
final class TrackerTestExtension extends TrackerExtension {

  TrackerTestExtension() {}
}
