package dev.tracker.daemon.internal.server;

import dev.tracker.core.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;

/**
 * Directories only their owner may enter, and files only their owner may open, where the file
 * system has POSIX permissions. A socket is reachable by whoever may traverse its directory, and it
 * exists for a moment before it can be chmod-ed: the 0700 directory is what keeps others out.
 */
public final class PrivateDirectory {

  private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OWNER_ONLY_FILE =
      PosixFilePermissions.fromString("rw-------");

  private PrivateDirectory() {}

  /**
   * Creates the directory (and missing parents) if needed and makes it 0700.
   *
   * @param mustBeOwn whether a directory that exists must belong to this process's user; true for a
   *     shared place such as {@code /tmp}, where someone else may have created it first
   * @throws StorageException if it cannot be created or made private, or belongs to someone else
   */
  public static Path ensure(Path directory, boolean mustBeOwn) {
    try {
      Files.createDirectories(directory);
      if (!posix(directory)) {
        return directory;
      }
      if (mustBeOwn) {
        UserPrincipal owner = Files.getOwner(directory, LinkOption.NOFOLLOW_LINKS);
        String user = System.getProperty("user.name", "");
        if (!owner.getName().equals(user) || Files.isSymbolicLink(directory)) {
          throw new StorageException(
              directory
                  + " belongs to "
                  + owner.getName()
                  + ", not to "
                  + user
                  + ": refusing to put the daemon's socket there");
        }
      }
      if (!Files.getPosixFilePermissions(directory).equals(OWNER_ONLY_DIRECTORY)) {
        Files.setPosixFilePermissions(directory, OWNER_ONLY_DIRECTORY);
      }
      return directory;
    } catch (IOException e) {
      throw new StorageException("Cannot make " + directory + " private (0700)", e);
    }
  }

  /** Makes a file 0600 where the file system has POSIX permissions. */
  public static void ownerOnly(Path file) {
    try {
      if (posix(file)) {
        Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
      }
    } catch (IOException e) {
      throw new StorageException("Cannot make " + file + " private (0600)", e);
    }
  }

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
