package dev.tracker.testkit.internal.extension;

import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a scope failed when a {@code @Nested} class that shares it fails in its own lifecycle (a
 * {@code @BeforeAll} that throws), which no test method reports. As JUnit's {@code @TempDir} does.
 */
final class FailureTracker extends StoreResource {

  private final ExtensionContext context;
  private final Outcome outcome;

  FailureTracker(ExtensionContext context, Outcome outcome) {
    this.context = context;
    this.outcome = outcome;
  }

  @Override
  public void close() {
    if (context.getExecutionException().isPresent()) {
      outcome.fail();
    }
  }
}
