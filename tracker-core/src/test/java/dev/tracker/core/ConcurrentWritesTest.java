package dev.tracker.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentWritesTest {

  private static final int THREADS = 16;
  private static final int CREATES_PER_THREAD = 200;

  @TempDir Path workspace;

  @Test
  void sixteen_threads_creating_two_hundred_issues_each_all_persist() throws Exception {
    Set<String> ids = ConcurrentHashMap.newKeySet();
    ExecutorService writers = Executors.newFixedThreadPool(THREADS);
    try (TrackerService tracker = Workspaces.embedded(workspace)) {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        results.add(
            writers.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < CREATES_PER_THREAD; i++) {
                    ids.add(tracker.create("thread " + thread + " issue " + i).id());
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> result : results) {
        result.get(); // rethrows any failure, SQLITE_BUSY included
      }
    } finally {
      writers.shutdownNow();
    }

    try (TrackerService reopened = Workspaces.embedded(workspace)) {
      assertThat(ids).hasSize(THREADS * CREATES_PER_THREAD);
      assertThat(reopened.stats().total()).isEqualTo(THREADS * CREATES_PER_THREAD);
    }
  }

  @Test
  void two_services_on_one_workspace_write_at_once_without_busy_errors() throws Exception {
    ExecutorService writers = Executors.newFixedThreadPool(8);
    try (TrackerService first = Workspaces.embedded(workspace);
        TrackerService second = Workspaces.embedded(workspace)) {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        TrackerService tracker = t % 2 == 0 ? first : second;
        results.add(
            writers.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < 50; i++) {
                    tracker.create("issue " + i);
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> result : results) {
        result.get();
      }

      assertThat(first.stats().total()).isEqualTo(400);
      assertThat(second.stats().total()).isEqualTo(400);
    } finally {
      writers.shutdownNow();
    }
  }
}
