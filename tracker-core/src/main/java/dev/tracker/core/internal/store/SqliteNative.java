package dev.tracker.core.internal.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * sqlite-jdbc's native library, extracted once per user, version and platform into a cache
 * directory and loaded from there. Left to itself, sqlite-jdbc extracts a copy into {@code
 * java.io.tmpdir} for every process, under a random name, and deletes older copies at the next
 * start: every {@code kill -9} leaves a 1 MB {@code sqlite-*.so} in {@code /tmp}, and processes
 * starting at once print each other's failed deletions as stack traces.
 *
 * <p>The cache is {@code $XDG_CACHE_HOME/tracker/native}, else {@code ~/.cache/tracker/native}. The
 * file is written under a temporary name and renamed into place, so processes extracting at once
 * never load a half-written library. sqlite-jdbc is then told to load it ({@code
 * org.sqlite.lib.path}, {@code org.sqlite.lib.name}, JVM-wide system properties, set once). A JVM
 * whose owner chose ({@code org.sqlite.lib.path} or {@code org.sqlite.tmpdir} already set), a
 * platform sqlite-jdbc has no bundled library for, or a cache that cannot be written: sqlite-jdbc
 * does as it always does.
 */
final class SqliteNative {

  private static final Logger LOG = LoggerFactory.getLogger(SqliteNative.class);

  static final String LIB_PATH = "org.sqlite.lib.path";
  static final String LIB_NAME = "org.sqlite.lib.name";
  private static final String TMPDIR = "org.sqlite.tmpdir";

  private static boolean prepared;

  private SqliteNative() {}

  /** Extracts the library into the cache if it is not there, and points sqlite-jdbc at it. */
  static synchronized void prepare() {
    if (prepared) {
      return;
    }
    prepared = true;
    if (System.getProperty(LIB_PATH) != null || System.getProperty(TMPDIR) != null) {
      return;
    }
    Optional<Path> directory = cacheDirectory(System.getenv(), System.getProperty("user.home"));
    if (directory.isEmpty()) {
      return;
    }
    try {
      extract(directory.get()).ifPresent(SqliteNative::use);
    } catch (IOException | RuntimeException e) {
      LOG.debug("sqlite-jdbc's native library stays where sqlite-jdbc puts it: {}", e.toString());
    }
  }

  private static void use(Path library) {
    System.setProperty(LIB_PATH, String.valueOf(library.getParent()));
    System.setProperty(LIB_NAME, String.valueOf(library.getFileName()));
  }

  /**
   * The library for this platform in {@code directory}, extracted there unless it already is.
   *
   * @return empty when sqlite-jdbc bundles no library for this platform
   */
  static Optional<Path> extract(Path directory) throws IOException {
    String resource =
        LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName();
    String name =
        "sqlite-jdbc-"
            + SQLiteJDBCLoader.getVersion()
            + "-"
            + LibraryLoaderUtil.getNativeLibResourcePath()
                .replace("/org/sqlite/native/", "")
                .replace('/', '-')
            + "-"
            + LibraryLoaderUtil.getNativeLibName();
    Path library = directory.resolve(name);
    if (Files.isDirectory(directory)) {
      removePartialsOfDeadProcesses(directory, name);
    }
    if (Files.isRegularFile(library)) {
      return Optional.of(library);
    }
    try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
      if (in == null) {
        return Optional.empty();
      }
      Files.createDirectories(directory);
      // named after this process: one killed while it copied leaves a file the next one removes
      Path partial = directory.resolve(name + "." + ProcessHandle.current().pid() + PARTIAL);
      try {
        Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, library, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(partial);
      }
    }
    return Optional.of(library);
  }

  private static final String PARTIAL = ".partial";

  /** Removes {@code <name>.<pid>.partial} files whose process no longer runs. */
  static void removePartialsOfDeadProcesses(Path directory, String name) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.toList()) {
        String fileName = file.getFileName().toString();
        if (!fileName.startsWith(name + ".") || !fileName.endsWith(PARTIAL)) {
          continue;
        }
        String pid = fileName.substring(name.length() + 1, fileName.length() - PARTIAL.length());
        boolean alive;
        try {
          alive = ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
          alive = false;
        }
        if (!alive) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  /** {@code $XDG_CACHE_HOME/tracker/native}, else {@code ~/.cache/tracker/native}. */
  static Optional<Path> cacheDirectory(Map<String, String> environment, @Nullable String home) {
    String xdg = environment.get("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      return Optional.of(Path.of(xdg, "tracker", "native"));
    }
    if (home == null || home.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(Path.of(home, ".cache", "tracker", "native"));
  }
}
