package dev.tracker.core;

import dev.tracker.core.internal.Backend;
import dev.tracker.core.internal.store.LocalBackend;

/**
 * The one place the facade names the store. {@link TrackerService} reaches {@link LocalBackend}
 * only through here, so a service that talks to a daemon never loads the store's classes, nor jOOQ,
 * HikariCP or JGit behind them (the JVM loads a class when code that uses it first runs).
 */
final class EmbeddedBackend {

  private EmbeddedBackend() {}

  static Backend create(TrackerConfig config) {
    return new LocalBackend(config);
  }
}
