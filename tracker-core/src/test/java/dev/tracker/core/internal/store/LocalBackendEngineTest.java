package dev.tracker.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracker.core.IssueFilter;
import dev.tracker.core.NewIssue;
import dev.tracker.core.StorageException;
import dev.tracker.core.TrackerConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBackendEngineTest {

  @TempDir Path workspace;

  /** Opens real databases and remembers each one it opened. */
  private static final class CountingEngines implements Function<TrackerConfig, Database> {
    final List<Database> opened = new CopyOnWriteArrayList<>();

    @Override
    public Database apply(TrackerConfig config) {
      Database database = Database.open(config);
      opened.add(database);
      return database;
    }
  }

  @Test
  @SuppressWarnings("try") // the backend is only held open: the test is that it does nothing yet
  void the_engine_is_not_created_before_the_first_call() {
    CountingEngines engines = new CountingEngines();
    try (LocalBackend backend = new LocalBackend(StoreTests.config(workspace), engines)) {
      assertThat(engines.opened).isEmpty();
    }
  }

  @Test
  void the_engine_is_created_once_and_reused() {
    CountingEngines engines = new CountingEngines();
    try (LocalBackend backend = new LocalBackend(StoreTests.config(workspace), engines)) {
      backend.create(NewIssue.of("one"));
      backend.list(IssueFilter.all());
      backend.stats();

      assertThat(engines.opened).hasSize(1);
    }
  }

  @Test
  void concurrent_first_calls_create_one_engine() throws Exception {
    CountingEngines engines = new CountingEngines();
    ExecutorService callers = Executors.newFixedThreadPool(8);
    try (LocalBackend backend = new LocalBackend(StoreTests.config(workspace), engines)) {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> calls = new CopyOnWriteArrayList<>();
      for (int i = 0; i < 8; i++) {
        calls.add(
            callers.submit(
                () -> {
                  start.await();
                  return backend.stats();
                }));
      }
      start.countDown();
      for (Future<?> call : calls) {
        call.get();
      }

      assertThat(engines.opened).hasSize(1);
    } finally {
      callers.shutdownNow();
    }
  }

  @Test
  void close_closes_the_engine() {
    CountingEngines engines = new CountingEngines();
    LocalBackend backend = new LocalBackend(StoreTests.config(workspace), engines);
    backend.stats();

    backend.close();

    assertThat(engines.opened).singleElement().satisfies(db -> assertThat(db.isClosed()).isTrue());
  }

  @Test
  void a_failed_creation_is_retried_by_the_next_call() {
    AtomicInteger attempts = new AtomicInteger();
    Function<TrackerConfig, Database> failingOnce =
        config -> {
          if (attempts.incrementAndGet() == 1) {
            throw new StorageException("disk not ready");
          }
          return Database.open(config);
        };
    try (LocalBackend backend = new LocalBackend(StoreTests.config(workspace), failingOnce)) {
      assertThatThrownBy(backend::stats).hasMessage("disk not ready");

      assertThat(backend.stats().total()).isZero();
      assertThat(attempts).hasValue(2);
    }
  }
}
