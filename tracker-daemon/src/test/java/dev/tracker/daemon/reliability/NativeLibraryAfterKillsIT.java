package dev.tracker.daemon.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracker.daemon.RpcClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sqlite-jdbc's native library is extracted once per user into a cache directory and loaded from
 * there: ten daemons killed with {@code kill -9} leave no {@code sqlite-*.so} in the temporary
 * directory, and once another daemon started the cache holds one library.
 */
class NativeLibraryAfterKillsIT {

  private static final int KILLS = 10;

  @TempDir Path workspace;
  @TempDir Path scratch;

  @Test
  void ten_daemons_killed_leave_no_native_library_in_the_temporary_directory() throws Exception {
    Path tmp = Files.createDirectories(scratch.resolve("tmp"));
    Path cache = Files.createDirectories(scratch.resolve("cache"));
    List<String> jvm = List.of("-Djava.io.tmpdir=" + tmp);
    Map<String, String> environment = Map.of("XDG_CACHE_HOME", cache.toString());
    for (int kill = 0; kill < KILLS; kill++) {
      try (ForkedDaemon daemon = ForkedDaemon.start(workspace, scratch, jvm, environment)) {
        daemon.kill9();
      }
    }
    // a daemon killed while it copied the library leaves a partial copy; the next one removes it
    try (ForkedDaemon last = ForkedDaemon.start(workspace, scratch, jvm, environment);
        RpcClient client = RpcClient.connect(last.socket())) {
      client.result("issue.list"); // the database is open: the library is loaded
      assertThat(last.output()).doesNotContain("Exception");
    }

    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left.map(path -> path.getFileName().toString()))
          .noneMatch(name -> name.startsWith("sqlite-"));
    }
    try (Stream<Path> libraries = Files.list(cache.resolve("tracker/native"))) {
      assertThat(libraries.map(path -> path.getFileName().toString()))
          .singleElement()
          .satisfies(name -> assertThat(name).startsWith("sqlite-jdbc-").endsWith(".so"));
    }
  }
}
