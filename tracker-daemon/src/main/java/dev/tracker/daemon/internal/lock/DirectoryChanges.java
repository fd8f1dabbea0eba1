package dev.tracker.daemon.internal.lock;

import dev.tracker.core.TrackerException;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Waits for something about the files of a directory to become true: woken by changes to the
 * directory (creations, deletions, modifications, an atomic rename), and looking again at least
 * every {@link #LOOK_EVERY_MILLIS} ms, for what a watch can miss (a lock let go changes no file).
 */
public final class DirectoryChanges {

  /** The longest wait between two looks. */
  static final long LOOK_EVERY_MILLIS = 50;

  private DirectoryChanges() {}

  /**
   * Returns once the condition holds, or the patience ran out.
   *
   * @param what what is waited for, for the messages of failures
   * @return whether the condition held within the patience
   * @throws TrackerException if the directory cannot be watched, or the thread was interrupted (its
   *     flag is restored)
   */
  public static boolean await(
      Path directory, Duration patience, BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + patience.toNanos();
    try (WatchService watcher = directory.getFileSystem().newWatchService()) {
      directory.register(
          watcher,
          StandardWatchEventKinds.ENTRY_CREATE,
          StandardWatchEventKinds.ENTRY_DELETE,
          StandardWatchEventKinds.ENTRY_MODIFY);
      while (!condition.getAsBoolean()) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
          return false;
        }
        WatchKey key =
            watcher.poll(
                Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(LOOK_EVERY_MILLIS)),
                TimeUnit.NANOSECONDS);
        if (key != null) {
          key.pollEvents();
          key.reset();
        }
      }
      return true;
    } catch (IOException e) {
      throw new TrackerException("Cannot watch " + directory + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TrackerException("Interrupted while waiting for " + what, e);
    }
  }
}
