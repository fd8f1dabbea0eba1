package dev.tracker.daemon.internal.lock;

import dev.tracker.core.StorageException;
import dev.tracker.core.internal.jsonl.AtomicFile;
import dev.tracker.core.internal.protocol.DaemonFiles;
import dev.tracker.daemon.DaemonAlreadyRunningException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon per workspace: an OS file lock on {@code .tracker/daemon.pid} ({@link
 * DaemonFiles#PID}), held for the daemon's life, and {@code .tracker/daemon.lock} ({@link
 * DaemonFiles#LOCK}), the JSON clients read, written next to it.
 *
 * <p><b>Why two files.</b> On Linux the JDK locks with POSIX {@code fcntl} locks, which belong to
 * the process and are all dropped as soon as the process closes any descriptor of the file. A lock
 * on the file clients read would be lost to the first read in the daemon's JVM (a client or a test
 * in the same JVM, the daemon itself). So the locked file is one that nothing opens while a daemon
 * runs, and the file that is read is written atomically (a temporary file renamed over it), so a
 * reader sees a whole lock or none.
 *
 * <p><b>Within one JVM</b> a second channel on {@code daemon.pid}, closed again, would drop the
 * lock of a daemon of the same JVM just the same. So this JVM's holders are kept in a set (by the
 * real path of their {@code .tracker} directory) that is consulted before the file is opened, and
 * every open, lock and close of the file happens under that set's monitor.
 *
 * <p><b>Naming the holder.</b> A start refused by another process's lock names that daemon's pid
 * from {@code daemon.lock}, but only a pid that is alive: the holder writes the file a moment after
 * it took the lock, and until then the file is missing or a killed daemon's. So a refused start
 * waits, up to {@link #HOLDER_PATIENCE}, for the file to name a live process, trying the lock again
 * whenever the directory changes (the holder may have been a start that failed, or a moment's probe
 * by {@link #isHeld}).
 *
 * <p><b>Stale files.</b> The OS releases the lock when its process dies, so a {@code daemon.pid}
 * that can be locked means the daemon before has gone; a {@code daemon.lock} found then is stale
 * ({@link #stale()}), and the caller deletes the socket it names.
 *
 * <p><b>Release</b> deletes {@code daemon.lock}, empties {@code daemon.pid}, then lets the lock go.
 * {@code daemon.pid} itself stays: deleting a locked file lets a daemon that opened it just before
 * lock the unlinked file once it is released, while another creates and locks a new one, and both
 * would run. Telling the two apart would take an {@code fstat} of the locked descriptor, which Java
 * only offers by opening the path again, the very thing that drops the lock.
 */
public final class DaemonLock {

  private static final Logger LOG = LoggerFactory.getLogger(DaemonLock.class);

  /** How long a refused start waits for the holder to name itself in {@code daemon.lock}. */
  public static final Duration HOLDER_PATIENCE = Duration.ofSeconds(5);

  // the .tracker directories (real paths) whose daemon.pid this JVM holds. Its monitor guards it
  // and every open, lock and close of a daemon.pid, so no channel of a held file is ever closed
  private static final Set<Path> HELD = new HashSet<>();

  // channels of a daemon.pid that another copy of this class (another class loader) holds in this
  // JVM: closing them would drop that copy's lock, so they stay open
  private static final List<FileChannel> NEVER_CLOSED = new ArrayList<>();

  private final Path directory;
  private final FileChannel channel;
  private final FileLock lock;
  private final Optional<DaemonFiles.Lock> stale;
  private boolean released;

  private DaemonLock(
      Path directory, FileChannel channel, FileLock lock, Optional<DaemonFiles.Lock> stale) {
    this.directory = directory;
    this.channel = channel;
    this.lock = lock;
    this.stale = stale;
  }

  /**
   * Locks {@code daemon.pid} of a {@code .tracker} directory, writes the pid into it, and writes
   * the content into {@code daemon.lock}.
   *
   * @throws DaemonAlreadyRunningException if a live daemon holds it, naming its pid
   * @throws StorageException if the files cannot be opened, locked or written
   */
  public static DaemonLock acquire(
      Path trackerDirectory, Path workspace, DaemonFiles.Lock content) {
    Path directory = realPath(trackerDirectory);
    Path pidFile = directory.resolve(DaemonFiles.PID);
    AtomicReference<@Nullable DaemonLock> taken =
        new AtomicReference<>(tryAcquire(directory, workspace));
    if (taken.get() == null) {
      OptionalLong[] holder = {OptionalLong.empty()};
      DirectoryChanges.await(
          directory,
          HOLDER_PATIENCE,
          () -> {
            holder[0] = liveHolder(directory);
            if (holder[0].isPresent()) {
              return true;
            }
            taken.set(tryAcquire(directory, workspace));
            return taken.get() != null;
          },
          "the daemon that holds the lock of " + workspace + " to name itself");
      if (taken.get() == null) {
        throw new DaemonAlreadyRunningException(workspace, holder[0].orElse(-1));
      }
    }
    DaemonLock lock = Objects.requireNonNull(taken.get());
    try {
      lock.writePid(content.pid());
      AtomicFile.writeVolatile(directory.resolve(DaemonFiles.LOCK), content.toJson());
      return lock;
    } catch (IOException | RuntimeException e) {
      lock.releaseAndDelete();
      throw e instanceof StorageException storage
          ? storage
          : new StorageException("Cannot write " + pidFile, e);
    }
  }

  /**
   * Takes the lock if it is free.
   *
   * @return the lock, or null when another process holds it
   * @throws DaemonAlreadyRunningException if a daemon of this JVM holds it
   */
  private static @Nullable DaemonLock tryAcquire(Path directory, Path workspace) {
    Path pidFile = directory.resolve(DaemonFiles.PID);
    synchronized (HELD) {
      if (HELD.contains(directory)) {
        throw new DaemonAlreadyRunningException(workspace, ProcessHandle.current().pid());
      }
      FileChannel channel = open(pidFile);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        NEVER_CLOSED.add(channel);
        throw new DaemonAlreadyRunningException(
            workspace, liveHolder(directory).orElse(ProcessHandle.current().pid()));
      } catch (IOException e) {
        closeQuietly(channel);
        throw new StorageException("Cannot lock " + pidFile, e);
      }
      if (lock == null) {
        // held by another process; this JVM holds no lock on the file, so closing drops nothing
        closeQuietly(channel);
        return null;
      }
      HELD.add(directory);
      return new DaemonLock(directory, channel, lock, DaemonFiles.Lock.read(directory));
    }
  }

  /**
   * The pid {@code daemon.lock} names, if it is a live process: the daemon that holds the lock,
   * once it has written the file (until then the file is missing, or a killed daemon's). A killed
   * daemon's pid taken by another process since would pass for live; pids are not reused that soon.
   */
  public static OptionalLong liveHolder(Path trackerDirectory) {
    return DaemonFiles.Lock.read(trackerDirectory)
        .map(DaemonFiles.Lock::pid)
        .filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
        .map(OptionalLong::of)
        .orElse(OptionalLong.empty());
  }

  /**
   * Waits until {@code daemon.lock} names a live process, up to the patience; for a caller that
   * found the lock held.
   */
  public static OptionalLong awaitHolder(Path trackerDirectory, Duration patience) {
    OptionalLong[] holder = {OptionalLong.empty()};
    DirectoryChanges.await(
        trackerDirectory,
        patience,
        () -> {
          holder[0] = liveHolder(trackerDirectory);
          return holder[0].isPresent();
        },
        "the daemon of " + trackerDirectory + " to name itself");
    return holder[0];
  }

  /**
   * Whether a daemon holds the lock of a {@code .tracker} directory: one of this JVM (known without
   * opening {@code daemon.pid}, which would drop its lock), or of another process ({@code
   * daemon.pid} exists and cannot be locked). When it is free, the test takes a shared lock for a
   * moment, and a daemon starting in that moment is refused as if one ran.
   *
   * @throws StorageException if {@code daemon.pid} exists but cannot be opened or locked
   */
  public static boolean isHeld(Path trackerDirectory) {
    Path directory;
    try {
      directory = trackerDirectory.toRealPath();
    } catch (IOException e) {
      return false; // no directory, no daemon
    }
    Path pidFile = directory.resolve(DaemonFiles.PID);
    synchronized (HELD) {
      if (HELD.contains(directory)) {
        return true;
      }
      FileChannel channel;
      try {
        channel = FileChannel.open(pidFile, StandardOpenOption.READ);
      } catch (NoSuchFileException e) {
        return false;
      } catch (IOException e) {
        throw new StorageException("Cannot open " + pidFile, e);
      }
      boolean close = true;
      try {
        FileLock lock = channel.tryLock(0, Long.MAX_VALUE, true);
        if (lock == null) {
          return true;
        }
        lock.release();
        return false;
      } catch (OverlappingFileLockException e) {
        // held by another copy of this class in this JVM: closing would drop its lock
        NEVER_CLOSED.add(channel);
        close = false;
        return true;
      } catch (IOException e) {
        throw new StorageException("Cannot lock " + pidFile, e);
      } finally {
        if (close) {
          closeQuietly(channel);
        }
      }
    }
  }

  private static Path realPath(Path trackerDirectory) {
    try {
      return trackerDirectory.toRealPath();
    } catch (IOException e) {
      throw new StorageException("Cannot find " + trackerDirectory, e);
    }
  }

  private static FileChannel open(Path file) {
    try {
      return FileChannel.open(
          file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new StorageException("Cannot open " + file, e);
    }
  }

  private void writePid(long pid) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap((pid + "\n").getBytes(StandardCharsets.US_ASCII));
    channel.truncate(0);
    long position = 0;
    while (buffer.hasRemaining()) {
      position += channel.write(buffer, position);
    }
  }

  /** What {@code daemon.lock} said before this daemon took the lock: a killed daemon's. */
  public Optional<DaemonFiles.Lock> stale() {
    return stale;
  }

  /**
   * Deletes {@code daemon.lock}, empties {@code daemon.pid} and releases its lock, in that order:
   * while the lock is held no other daemon can start, so it never finds this one's {@code
   * daemon.lock} and takes it for stale. Idempotent.
   */
  public void releaseAndDelete() {
    synchronized (HELD) {
      if (released) {
        return;
      }
      released = true;
      Path info = directory.resolve(DaemonFiles.LOCK);
      try {
        Files.deleteIfExists(info);
      } catch (IOException e) {
        LOG.warn("Cannot delete {}: {}", info, e.toString());
      }
      try {
        channel.truncate(0);
      } catch (IOException e) {
        LOG.warn("Cannot empty {}: {}", directory.resolve(DaemonFiles.PID), e.toString());
      }
      try {
        lock.release();
      } catch (IOException e) {
        LOG.warn("Cannot release the lock of {}: {}", directory, e.toString());
      }
      closeQuietly(channel);
      HELD.remove(directory);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.warn("Cannot close a lock file channel: {}", e.toString());
    }
  }
}
