package dev.tracker.testkit.internal.extension;

import dev.tracker.testkit.internal.TeardownEvents;

/** A client handed to a test, closed when its method or class ends. */
final class ManagedClient extends StoreResource {

  private final AutoCloseable client;
  private final String description;

  /**
   * @param description what it is and whose, for the teardown events: {@code TrackerService
   *     (method)}
   */
  ManagedClient(AutoCloseable client, String description) {
    this.client = client;
    this.description = description;
  }

  Object client() {
    return client;
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("Cannot close " + description, e);
    } finally {
      TeardownEvents.record(description + " closed");
    }
  }
}
