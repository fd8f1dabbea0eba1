package dev.tracker.core.internal.store;

import dev.tracker.core.StorageException;
import dev.tracker.core.TrackerConfig;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The {@code .tracker} directory of a workspace. Its {@code .gitignore} is tracked and keeps what
 * is local to one machine (the database, the daemon's files, interrupted writes) out of git.
 */
final class TrackerDirectory {

  static final String GITIGNORE =
      """
      # Local to this machine; config.yaml and issues.jsonl are shared through git.
      *.db
      *.db-*
      daemon.*
      .*.tmp
      """;

  private TrackerDirectory() {}

  /** Creates the directory and its {@code .gitignore} when missing; leaves an existing one. */
  static void prepare(TrackerConfig config) {
    Path directory = config.trackerDirectory();
    Path gitignore = directory.resolve(".gitignore");
    try {
      Files.createDirectories(directory);
      Files.writeString(gitignore, GITIGNORE, StandardOpenOption.CREATE_NEW);
    } catch (FileAlreadyExistsException e) {
      // someone's own .gitignore: theirs to keep
    } catch (IOException e) {
      throw new StorageException("Cannot prepare " + directory, e);
    }
  }
}
