package dev.tracker.core.internal.jsonl;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import dev.tracker.core.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a file so that a reader, or a crash, sees either the old content or the new one, never a
 * torn file: the content goes to a temporary file in the same directory, which is synced and then
 * renamed over the target.
 *
 * <pre>{@code
 * boolean written = AtomicFile.writeIfChanged(Path.of(".tracker/issues.jsonl"), content);
 * }</pre>
 */
public final class AtomicFile {

  /** Moves a file over another; a test replaces it to make the rename fail. */
  @FunctionalInterface
  interface Mover {
    void move(Path source, Path target) throws IOException;
  }

  // Windows cannot open a directory as a file; there the rename is as durable as it gets
  private static final boolean DIRECTORY_SYNC_REFUSED =
      System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

  private AtomicFile() {}

  /**
   * Writes {@code content} to {@code target} atomically, unless the target already holds exactly
   * these bytes, in which case nothing is touched (its modification time stays). Creates missing
   * parent directories. The new file gets default permissions (the umask), not those of the old
   * file.
   *
   * @return whether the file was written
   * @throws StorageException if the file cannot be read or written; the old content is then left as
   *     it was and no temporary file stays behind
   */
  public static boolean writeIfChanged(Path target, byte[] content) {
    return writeIfChanged(target, content, AtomicFile::replace);
  }

  static boolean writeIfChanged(Path target, byte[] content, Mover mover) {
    if (holds(target, content)) {
      return false;
    }
    write(target, content, mover, true);
    return true;
  }

  /**
   * Writes {@code content} to {@code target} atomically, whatever the target holds; for a caller
   * that has just read the target and knows it differs.
   *
   * @throws StorageException if the file cannot be written; the old content is then left as it was
   *     and no temporary file stays behind
   */
  public static void write(Path target, byte[] content) {
    write(target, content, AtomicFile::replace, true);
  }

  /**
   * Replaces {@code target} atomically, a reader seeing the old content or the new, but without
   * waiting for the disk: for files that mean nothing after a crash, such as the running daemon's
   * {@code daemon.lock}, whose two syncs were a good part of a daemon's start on a slow disk.
   *
   * @throws StorageException if the file cannot be written; the old content is then left as it was
   *     and no temporary file stays behind
   */
  public static void writeVolatile(Path target, byte[] content) {
    write(target, content, AtomicFile::replace, false);
  }

  private static void replace(Path source, Path target) throws IOException {
    Files.move(source, target, ATOMIC_MOVE, REPLACE_EXISTING);
  }

  private static void write(Path target, byte[] content, Mover mover, boolean durable) {
    Path directory = target.toAbsolutePath().getParent();
    if (directory == null) {
      throw new StorageException("cannot write " + target + ": it is not a file path");
    }
    Path temp = directory.resolve(tempName(target));
    FileChannel channel;
    try {
      Files.createDirectories(directory);
      // CREATE_NEW rather than Files.createTempFile, which would make the file private (0600)
      channel = FileChannel.open(temp, CREATE_NEW, WRITE);
    } catch (IOException e) {
      throw new StorageException("cannot write " + target, e);
    }
    try {
      try (channel) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        if (durable) {
          channel.force(true);
        }
      }
      mover.move(temp, target);
    } catch (IOException e) {
      deleteAfterFailure(temp, e);
      throw new StorageException("cannot write " + target, e);
    } catch (RuntimeException e) {
      deleteAfterFailure(temp, e);
      throw e;
    }
    if (durable) {
      syncDirectory(directory, target);
    }
  }

  private static boolean holds(Path target, byte[] content) {
    try {
      return Files.isRegularFile(target)
          && Files.size(target) == content.length
          && Arrays.equals(Files.readAllBytes(target), content);
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException e) {
      throw new StorageException("cannot read " + target, e);
    }
  }

  private static String tempName(Path target) {
    return "."
        + target.getFileName()
        + "."
        + Long.toHexString(ThreadLocalRandom.current().nextLong())
        + ".tmp";
  }

  /** The rename is only durable once the directory entry is on disk. */
  private static void syncDirectory(Path directory, Path target) {
    try (FileChannel channel = FileChannel.open(directory, READ)) {
      channel.force(true);
    } catch (IOException e) {
      if (!DIRECTORY_SYNC_REFUSED) {
        throw new StorageException(
            "wrote " + target + " but cannot sync its directory " + directory, e);
      }
    }
  }

  private static void deleteAfterFailure(Path temp, Exception failure) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }
}
