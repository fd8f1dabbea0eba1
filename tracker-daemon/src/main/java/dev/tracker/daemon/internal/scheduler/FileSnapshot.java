package dev.tracker.daemon.internal.scheduler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import org.jspecify.annotations.Nullable;

/**
 * What a stat of {@code issues.jsonl} says: enough to see that someone replaced or rewrote it
 * (size, modification time and, where the platform has one, the inode through the file key, which
 * an atomic rename changes).
 */
record FileSnapshot(boolean exists, long size, @Nullable FileTime modified, @Nullable Object key) {

  private static final FileSnapshot ABSENT = new FileSnapshot(false, -1, null, null);

  static FileSnapshot of(Path file) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return new FileSnapshot(
          true, attributes.size(), attributes.lastModifiedTime(), attributes.fileKey());
    } catch (IOException e) {
      // missing, or under a path that is not a directory: either way nothing to import
      return ABSENT;
    }
  }
}
