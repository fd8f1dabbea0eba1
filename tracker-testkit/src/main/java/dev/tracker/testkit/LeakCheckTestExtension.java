package dev.tracker.testkit;

import dev.tracker.testkit.internal.extension.LeakCheckExtension;

/**
 * The extension {@link LeakCheck} registers: package-private in the API package, like {@link
 * TrackerTestExtension}. The work is done in {@link LeakCheckExtension}.
 */
final class LeakCheckTestExtension extends LeakCheckExtension {

  LeakCheckTestExtension() {}
}
