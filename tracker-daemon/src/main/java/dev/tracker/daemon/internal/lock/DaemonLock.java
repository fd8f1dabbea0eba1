package dev.tracker.daemon.internal.lock;

import dev.tracker.core.StorageException;
import dev.tracker.core.internal.protocol.DaemonFiles;
import dev.tracker.daemon.DaemonAlreadyRunningException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code .tracker/daemon.lock}, held with an OS file lock for the daemon's life. The OS releases
 * the lock when the process dies, so a lock file that can be locked is stale whatever it says: the
 * daemon that wrote it was killed.
 *
 * <p>The file is deleted on release, before the lock is let go. A daemon starting at that moment
 * may have opened the old file and lock it once it is unlinked; it would then hold a lock nobody
 * else can see. So after writing its content a new holder checks that the path still holds what it
 * wrote, and otherwise starts over with the new file.
 */
public final class DaemonLock {

  private static final Logger LOG = LoggerFactory.getLogger(DaemonLock.class);
  private static final int ATTEMPTS = 3;
  private static final int MAX_CONTENT = 64 * 1024;

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;
  private final Optional<DaemonFiles.Lock> stale;

  private DaemonLock(
      Path file, FileChannel channel, FileLock lock, Optional<DaemonFiles.Lock> stale) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
    this.stale = stale;
  }

  /**
   * Locks the lock file of a {@code .tracker} directory and writes the content into it.
   *
   * @throws DaemonAlreadyRunningException if a live daemon holds it, naming its pid
   * @throws StorageException if the file cannot be opened, locked or written
   */
  public static DaemonLock acquire(
      Path trackerDirectory, Path workspace, DaemonFiles.Lock content) {
    Path file = trackerDirectory.resolve(DaemonFiles.LOCK);
    byte[] bytes = content.toJson();
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      FileChannel channel = open(file);
      boolean keep = false;
      try {
        FileLock lock = tryLock(channel, file);
        if (lock == null) {
          long pid = DaemonFiles.Lock.read(trackerDirectory).map(DaemonFiles.Lock::pid).orElse(-1L);
          throw new DaemonAlreadyRunningException(workspace, pid);
        }
        Optional<DaemonFiles.Lock> stale = DaemonFiles.Lock.fromJson(readAll(channel));
        channel.truncate(0);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long position = 0;
        while (buffer.hasRemaining()) {
          position += channel.write(buffer, position);
        }
        channel.force(true);
        if (holds(file, bytes)) {
          keep = true;
          return new DaemonLock(file, channel, lock, stale);
        }
        LOG.debug("{} was replaced while it was being locked; locking the new one", file);
      } catch (IOException e) {
        throw new StorageException("Cannot write the lock " + file, e);
      } finally {
        if (!keep) {
          closeQuietly(channel);
        }
      }
    }
    throw new StorageException(
        "Cannot take the lock " + file + ": it was replaced " + ATTEMPTS + " times while locking");
  }

  private static FileChannel open(Path file) {
    try {
      return FileChannel.open(
          file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new StorageException("Cannot open the lock " + file, e);
    }
  }

  private static @Nullable FileLock tryLock(FileChannel channel, Path file) {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null; // held by another daemon in this JVM
    } catch (IOException e) {
      throw new StorageException("Cannot lock " + file, e);
    }
  }

  private static byte[] readAll(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), MAX_CONTENT));
    while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
      // read until full or at the end
    }
    return Arrays.copyOf(buffer.array(), buffer.position());
  }

  private static boolean holds(Path file, byte[] bytes) {
    try {
      return Arrays.equals(Files.readAllBytes(file), bytes);
    } catch (IOException e) {
      return false;
    }
  }

  /** What the lock file said before this daemon took it, when a killed daemon left it behind. */
  public Optional<DaemonFiles.Lock> stale() {
    return stale;
  }

  /** The lock file. */
  public Path file() {
    return file;
  }

  /** Deletes the lock file, then releases the lock. */
  public void releaseAndDelete() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("Cannot delete {}: {}", file, e.toString());
    }
    try {
      lock.release();
    } catch (IOException e) {
      LOG.warn("Cannot release the lock {}: {}", file, e.toString());
    }
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.warn("Cannot close a lock file channel: {}", e.toString());
    }
  }
}
