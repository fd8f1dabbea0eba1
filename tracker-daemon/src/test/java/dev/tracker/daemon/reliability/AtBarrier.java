package dev.tracker.daemon.reliability;

import dev.tracker.daemon.cli.Main;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The launcher's main, held at a barrier: {@code AtBarrier <ready> <barrier> <launcher args>} loads
 * the launcher, creates the file {@code ready}, waits until the file {@code barrier} appears (woken
 * by the file system, looking again at least every 100 ms) and then runs {@link Main} with the
 * remaining arguments. Processes started this way and released by one barrier file run the launcher
 * within microseconds of each other, their JVMs already warm.
 */
public final class AtBarrier {

  private AtBarrier() {}

  public static void main(String[] args) throws Exception {
    Path ready = Path.of(args[0]);
    Path barrier = Path.of(args[1]);
    String[] launcherArgs = Arrays.copyOfRange(args, 2, args.length);
    // load what the launcher needs before the barrier, so that both sides start equally warm
    Class.forName(Main.class.getName(), true, AtBarrier.class.getClassLoader());
    try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
      barrier.getParent().register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
      Files.createFile(ready);
      while (!Files.exists(barrier)) {
        var key = watcher.poll(100, TimeUnit.MILLISECONDS);
        if (key != null) {
          key.pollEvents();
          key.reset();
        }
      }
    }
    Main.main(launcherArgs);
  }
}
