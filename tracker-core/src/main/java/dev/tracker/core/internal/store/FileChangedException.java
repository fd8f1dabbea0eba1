package dev.tracker.core.internal.store;

import dev.tracker.core.StorageException;
import java.nio.file.Path;

/**
 * The path of an open database no longer names the file the engine opened: it was deleted, or
 * another file was moved over it. {@link LocalBackend} retires the engine when it meets one.
 */
final class FileChangedException extends StorageException {

  private static final long serialVersionUID = 1L;

  FileChangedException(Path file, String change, String what) {
    super(
        "The database file "
            + file
            + " "
            + change
            + " while it was open: refusing to "
            + what
            + " it");
  }
}
