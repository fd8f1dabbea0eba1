package dev.tracker.daemon.reliability;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Holds the lock of a daemon.pid file the way a daemon does, without ever naming itself in
 * daemon.lock: the moment between a starting daemon's lock and its daemon.lock, held open. Run by
 * RefusedStartTest ({@code java -cp target/test-classes dev.tracker.daemon.reliability.LockHolder
 * PID_FILE}): says "locked", then holds the lock until its standard input ends. Uses nothing but
 * the JDK.
 */
final class LockHolder {

  private LockHolder() {}

  public static void main(String[] args) throws Exception {
    try (FileChannel channel =
            FileChannel.open(
                Path.of(args[0]),
                StandardOpenOption.CREATE,
                StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        var lock = channel.lock()) {
      System.out.println(lock.isValid() ? "locked" : "not locked");
      System.out.flush();
      while (System.in.read() >= 0) {
        // until the test closes our input
      }
    }
  }
}
