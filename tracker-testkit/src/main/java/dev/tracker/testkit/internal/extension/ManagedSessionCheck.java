package dev.tracker.testkit.internal.extension;

import dev.tracker.testkit.LeakException;
import dev.tracker.testkit.internal.leak.SessionCheck;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

/**
 * The {@link SessionCheck} of a run, kept in the store of the engine's root context: JUnit closes
 * it when the run ends, after every class's values, and reports what it throws as a failure of the
 * run (of the engine, {@code JUnit Jupiter}). One per run of the engine, so that runs in one JVM
 * (an {@code EngineTestKit} run inside a test) do not share theirs.
 */
final class ManagedSessionCheck extends StoreResource {

  private static final Namespace NAMESPACE = Namespace.create(ManagedSessionCheck.class);

  private final SessionCheck check = new SessionCheck();

  /** The session check of the context's run, created with the first class that asks. */
  static SessionCheck of(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .computeIfAbsent(
            ManagedSessionCheck.class, key -> new ManagedSessionCheck(), ManagedSessionCheck.class)
        .check;
  }

  @Override
  public void close() {
    List<String> leaks = check.verify();
    if (!leaks.isEmpty()) {
      throw new LeakException(SessionCheck.heading(leaks.size()), leaks);
    }
  }
}
