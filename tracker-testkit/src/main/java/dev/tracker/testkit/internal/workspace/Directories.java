package dev.tracker.testkit.internal.workspace;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Deletes directory trees, as JUnit's {@code @TempDir} does, and says what it could not delete. */
public final class Directories {

  private Directories() {}

  /**
   * Deletes the directory and everything in it; a directory already gone is fine.
   *
   * @return the paths that could not be deleted, with why; empty on success
   */
  public static List<String> delete(Path root) {
    List<String> failures = new ArrayList<>();
    if (!Files.exists(root)) {
      return failures;
    }
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
              remove(file, failures);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              if (!(e instanceof NoSuchFileException)) {
                failures.add(file + ": " + e);
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, @Nullable IOException e) {
              remove(directory, failures);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      failures.add(root + ": " + e);
    }
    return failures;
  }

  /** Deletes what it can, for directories of the testkit's own that nobody looks at. */
  public static void deleteQuietly(Path root) {
    delete(root);
  }

  private static void remove(Path path, List<String> failures) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // a read-only directory (git makes some) cannot lose its entries: make it writable, retry
      Path parent = path.getParent();
      if (parent != null && parent.toFile().setWritable(true)) {
        try {
          Files.deleteIfExists(path);
          return;
        } catch (IOException again) {
          failures.add(path + ": " + again);
          return;
        }
      }
      failures.add(path + ": " + e);
    }
  }
}
