package dev.tracker.testkit;

import dev.tracker.core.TrackerConfig;
import dev.tracker.daemon.TrackerDaemon;

/**
 * Changes what the testkit starts for a class, for a scenario that the annotation's attributes do
 * not cover: an odd configuration, or a daemon with other limits. Named by {@link
 * TrackerDaemonTest#customizers()} or {@link TrackerTest#customizers()}; the class then keeps the
 * testkit's workspace, teardown and leak check.
 *
 * <pre>{@code
 * @TrackerDaemonTest(customizers = TwoConnections.class)
 * class ConnectionLimitTest {
 *
 *   static class TwoConnections implements TrackerCustomizer {
 *     @Override
 *     public void daemon(TrackerDaemon.Builder daemon) {
 *       daemon.maxConnections(2);
 *     }
 *   }
 *
 *   @Test
 *   void a_third_connection_is_refused(TrackerWorkspace workspace) { ... }
 * }
 * }</pre>
 *
 * <p>A customizer is a class with a constructor without parameters (it may be private, and nested
 * in the test class); the testkit makes one for each workspace it prepares, so it holds no state
 * between them. It runs after the annotation's attributes are applied, so what it sets wins, and
 * before anything starts: the seed is imported, and the service or daemon opened, with its
 * configuration. {@link TrackerConfig.Builder#build()} checks its values; a bad one fails the class
 * with an {@link org.junit.jupiter.api.extension.ExtensionConfigurationException} that names the
 * customizer.
 *
 * <p>What the workspace and teardown assume: paths it sets are best kept inside the workspace
 * (relative ones are resolved against it), since only the workspace is deleted after the class and
 * the leak check pins files on a class by the directories it owns. A scheduler given to the daemon
 * builder is the customizer's (and replaced by the testkit's own with {@code manualTime = true});
 * what a customizer starts, it must stop, or the leak check reports it.
 */
public interface TrackerCustomizer {

  /**
   * Changes the configuration of the workspace. The builder comes with the testkit's settings: no
   * {@code config.yaml}, no environment, git, sync and paths as the annotation says.
   */
  default void config(TrackerConfig.Builder config) {}

  /**
   * Changes the daemon's limits and timeouts ({@code maxConnections}, {@code idleTimeout}, {@code
   * closeTimeout}, ...); called for each daemon of a {@link TrackerDaemonTest} class, never for a
   * {@link TrackerTest}.
   */
  default void daemon(TrackerDaemon.Builder daemon) {}
}
