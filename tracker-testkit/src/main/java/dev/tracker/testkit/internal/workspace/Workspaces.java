package dev.tracker.testkit.internal.workspace;

import dev.tracker.core.TrackerConfig;
import dev.tracker.core.TrackerService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.transport.URIish;

/**
 * Makes the temporary workspaces of tests: a directory of their own under {@code java.io.tmpdir},
 * optionally a git repository with a bare remote, optionally seeded.
 */
public final class Workspaces {

  // short names keep the socket path under the platform's limit of about 100 bytes:
  // /tmp/tracker-<24>-<16>-<up to 19 digits>/.tracker/daemon.sock is 95 at most
  private static final int MAX_CLASS = 24;
  private static final int MAX_DETAIL = 16;

  private Workspaces() {}

  /**
   * Creates a new, empty directory {@code tracker-<part>-<part>-<random>} under the system's
   * temporary directory; the random part makes its name unique, which the leak check relies on
   * (threads are named after their workspace directory).
   *
   * @param parts what the directory is for: the test class, and the method for a per-method one
   */
  public static Path createDirectory(String... parts) {
    StringBuilder prefix = new StringBuilder("tracker-");
    for (int i = 0; i < parts.length; i++) {
      prefix.append(shorten(parts[i], i == 0 ? MAX_CLASS : MAX_DETAIL)).append('-');
    }
    try {
      return Files.createTempDirectory(prefix.toString()).toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot create a temporary workspace for " + String.join(" ", parts), e);
    }
  }

  private static String shorten(String part, int max) {
    String safe = part.replaceAll("[^A-Za-z0-9_.]", "_");
    return safe.length() <= max ? safe : safe.substring(0, max);
  }

  /**
   * The configuration of a test workspace, to be completed and built: isolated from the machine's
   * environment and from any {@code config.yaml}.
   */
  public static TrackerConfig.Builder configBuilder(
      Path root, boolean git, boolean syncEnabled, Duration syncInterval) {
    return TrackerConfig.builder(root)
        .readConfigFile(false)
        .environment(Map.of())
        .gitEnabled(git)
        .syncEnabled(syncEnabled)
        .syncInterval(syncInterval);
  }

  /** Makes the workspace a git repository on branch {@code main}. */
  public static void initGit(Path root) {
    try {
      Git.init().setInitialBranch("main").setDirectory(root.toFile()).call().close();
    } catch (GitAPIException e) {
      throw new IllegalStateException("Cannot make " + root + " a git repository", e);
    }
  }

  /** Makes {@code remote} a bare repository and adds it to the workspace's repository as origin. */
  public static void addRemote(Path root, Path remote) {
    try {
      Git.init()
          .setBare(true)
          .setInitialBranch("main")
          .setDirectory(remote.toFile())
          .call()
          .close();
      try (Git git = Git.open(root.toFile())) {
        git.remoteAdd().setName("origin").setUri(new URIish(remote.toUri().toURL())).call();
      }
    } catch (GitAPIException | IOException e) {
      throw new IllegalStateException("Cannot add " + remote + " as the remote of " + root, e);
    }
  }

  /**
   * Imports a JSONL resource into the workspace's database and exports it to its {@code
   * issues.jsonl}, through an embedded service that is closed before this returns.
   */
  public static void seed(TrackerConfig config, URL resource) {
    Path copy = null;
    try (InputStream in = resource.openStream()) {
      // named like the resource, so that an import error names the file the user wrote
      String path = resource.getPath();
      String name = path.substring(path.lastIndexOf('/') + 1);
      copy =
          config.workspace().resolve(name.isEmpty() || name.startsWith(".") ? "seed.jsonl" : name);
      Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
      try (TrackerService tracker = TrackerService.embedded(config)) {
        tracker.importJsonl(copy);
        tracker.exportJsonl();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the seed " + resource, e);
    } finally {
      if (copy != null) {
        try {
          Files.deleteIfExists(copy);
        } catch (IOException e) {
          // left in a temporary workspace that is deleted with it
        }
      }
    }
  }
}
