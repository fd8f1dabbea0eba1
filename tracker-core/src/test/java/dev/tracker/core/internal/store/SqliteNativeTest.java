package dev.tracker.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The native library extracted once into the cache, and where the cache is. */
class SqliteNativeTest {

  @TempDir Path cache;

  @Test
  void the_library_is_extracted_once_and_found_the_second_time() throws Exception {
    Path library = SqliteNative.extract(cache).orElseThrow();
    FileTime written = FileTime.from(Instant.parse("2001-01-01T00:00:00Z"));
    Files.setLastModifiedTime(library, written);

    Path again = SqliteNative.extract(cache).orElseThrow();

    assertThat(again).isEqualTo(library);
    assertThat(library.getFileName().toString()).startsWith("sqlite-jdbc-").endsWith(".so");
    assertThat(Files.size(library)).isGreaterThan(100_000);
    assertThat(Files.getLastModifiedTime(again)).isEqualTo(written);
    try (var files = Files.list(cache)) {
      assertThat(files).containsExactly(library); // no partial file left behind
    }
  }

  @Test
  void a_partial_copy_of_a_dead_process_is_removed_and_a_living_ones_kept() throws Exception {
    String name = "sqlite-jdbc-x-libsqlitejdbc.so";
    Path dead = Files.writeString(cache.resolve(name + ".2147483646.partial"), "half");
    Path living =
        Files.writeString(
            cache.resolve(name + "." + ProcessHandle.current().pid() + ".partial"), "half");
    Path other = Files.writeString(cache.resolve("unrelated.partial"), "x");

    SqliteNative.removePartialsOfDeadProcesses(cache, name);

    assertThat(dead).doesNotExist();
    assertThat(living).exists();
    assertThat(other).exists();
  }

  @Test
  void the_cache_is_xdg_cache_home_else_the_home_directorys() {
    assertThat(SqliteNative.cacheDirectory(Map.of("XDG_CACHE_HOME", "/c"), "/home/u"))
        .contains(Path.of("/c/tracker/native"));
    assertThat(SqliteNative.cacheDirectory(Map.of(), "/home/u"))
        .contains(Path.of("/home/u/.cache/tracker/native"));
    assertThat(SqliteNative.cacheDirectory(Map.of("XDG_CACHE_HOME", "relative"), "/home/u"))
        .contains(Path.of("/home/u/.cache/tracker/native"));
    assertThat(SqliteNative.cacheDirectory(Map.of(), null)).isEmpty();
  }

  @Test
  void this_jvm_loads_sqlite_from_the_cache() {
    // every test JVM opens a database before or during this test
    SqliteNative.prepare();

    assertThat(System.getProperty(SqliteNative.LIB_PATH)).endsWith("tracker/native");
    assertThat(
            Path.of(
                System.getProperty(SqliteNative.LIB_PATH),
                System.getProperty(SqliteNative.LIB_NAME)))
        .isRegularFile();
  }
}
