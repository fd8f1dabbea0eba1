package dev.tracker.testkit.internal.extension;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

/**
 * Where the extensions keep their state: in the store of the context it belongs to, under a
 * namespace of the extension and that context's unique id, so that a lookup never finds an
 * enclosing context's value by accident (JUnit's stores fall back to their parents).
 */
final class Keys {

  static final String SCOPE = "scope";
  static final String SCOPE_LOCK = "scope-lock";
  static final String WORKSPACE = "workspace";
  static final String LEAK_CHECK = "leak-check";
  static final String DAEMON = "daemon";
  static final String SERVICE = "service";
  static final String FAILURE_TRACKER = "failure-tracker";
  static final String CLIENT = "client:";

  private Keys() {}

  /** The store of the context's own values. */
  static ExtensionContext.Store local(Class<?> extension, ExtensionContext context) {
    return context.getStore(Namespace.create(extension, context.getUniqueId()));
  }
}
