package dev.tracker.testkit.internal.extension;

import dev.tracker.core.TrackerConfig;
import dev.tracker.core.TrackerException;
import dev.tracker.core.TrackerService;
import dev.tracker.core.ValidationException;
import dev.tracker.daemon.ManualScheduler;
import dev.tracker.daemon.TrackerDaemon;
import dev.tracker.testkit.TrackerCustomizer;
import dev.tracker.testkit.TrackerDaemonTest.Lifecycle;
import dev.tracker.testkit.TrackerWorkspace;
import dev.tracker.testkit.internal.leak.Attribution;
import dev.tracker.testkit.internal.leak.LeakVerification;
import dev.tracker.testkit.internal.leak.SessionCheck;
import dev.tracker.testkit.internal.workspace.Workspaces;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * What one annotated class (its owner) has: a workspace directory set, a leak check, and a daemon
 * or embedded service for the class, or the means to start a daemon per method. {@code @Nested}
 * classes without an annotation of their own use their enclosing class's scope.
 *
 * <p>Created once per owner, by {@link #create}, which stores the owner's resources in this order:
 * the workspace, the leak check, the daemon (or service). Clients come later and so close first.
 */
final class Scope {

  final Settings settings;
  final ExtensionContext owner;
  final Outcome outcome = new Outcome();
  private final ManagedWorkspace directories;
  final Attribution attribution;
  private final @Nullable LeakVerification leaks;
  private @Nullable ManagedDaemon daemon;
  private @Nullable ManagedService service;

  private Scope(
      Settings settings,
      ExtensionContext owner,
      Attribution attribution,
      @Nullable LeakVerification leaks) {
    this.settings = settings;
    this.owner = owner;
    this.attribution = attribution;
    this.leaks = leaks;
    this.directories = new ManagedWorkspace(owner, outcome, attribution);
  }

  @SuppressWarnings(
      "try") // the resource gives the thread its context class loader back when the block ends
  static Scope create(ExtensionContext owner, Settings settings, ExtensionContext.Store store) {
    String name = owner.getRequiredTestClass().getName();
    SessionCheck session = ManagedSessionCheck.of(owner);
    Attribution attribution = new Attribution(name, session, settings.leakCheck());
    // the baseline comes before anything of the class starts
    LeakVerification leaks =
        settings.leakCheck()
            ? new LeakVerification(name, attribution, Settings.leakSettings(owner), session)
            : null;
    Scope scope = new Scope(settings, owner, attribution, leaks);
    store.put(Keys.WORKSPACE, scope.directories);
    if (leaks != null) {
      store.put(Keys.LEAK_CHECK, new ManagedLeakCheck(leaks, scope.outcome, null));
    }
    // what the class's own daemon or service starts is the class's, as what its code starts
    try (Attribution.Entered entered = attribution.enter()) {
      if (!settings.daemon()) {
        scope.service = scope.startService();
        store.put(Keys.SERVICE, scope.service);
      } else if (settings.lifecycle() == Lifecycle.PER_CLASS) {
        scope.daemon = scope.startDaemon(owner.getRequiredTestClass().getSimpleName());
        store.put(Keys.DAEMON, scope.daemon);
      }
    }
    return scope;
  }

  boolean ownedBy(ExtensionContext context) {
    return owner.getUniqueId().equals(context.getUniqueId());
  }

  /** The class's daemon; null for a per-method daemon or an embedded service. */
  @Nullable ManagedDaemon classDaemon() {
    return daemon;
  }

  /** The class's embedded service; null with a daemon. */
  @Nullable ManagedService service() {
    return service;
  }

  /** Starts a daemon in a new workspace, for one test method. */
  @SuppressWarnings(
      "try") // the resource gives the thread its context class loader back when the block ends
  ManagedDaemon startMethodDaemon(ExtensionContext method) {
    try (Attribution.Entered entered = attribution.enter()) {
      return startDaemon(
          owner.getRequiredTestClass().getSimpleName(), method.getRequiredTestMethod().getName());
    }
  }

  private ManagedDaemon startDaemon(String... name) {
    Prepared prepared = prepare(name);
    ManualScheduler time = settings.manualTime() ? new ManualScheduler() : null;
    TrackerDaemon.Builder builder = TrackerDaemon.builder(prepared.config);
    for (TrackerCustomizer customizer : prepared.customizers) {
      try {
        customizer.daemon(builder);
      } catch (RuntimeException e) {
        throw customizerFailed(customizer, "daemon", e);
      }
    }
    // after the customizers: the scheduler injected as ManualScheduler must be the daemon's
    if (time != null) {
      builder.scheduler(time);
    }
    TrackerDaemon started;
    try {
      started = builder.build();
    } catch (ValidationException e) {
      throw new ExtensionConfigurationException(
          customizersAttribute() + ": the daemon's settings are invalid: " + e.getMessage(), e);
    }
    attribution.addSocket(started.socket());
    try {
      started.start();
    } catch (RuntimeException e) {
      started.close();
      throw e;
    }
    return new ManagedDaemon(
        started, time, prepared.workspace(Optional.of(started.socket())), outcome, leaks);
  }

  private ManagedService startService() {
    Prepared prepared = prepare(owner.getRequiredTestClass().getSimpleName());
    return new ManagedService(
        TrackerService.embedded(prepared.config),
        prepared.workspace(Optional.empty()),
        outcome,
        leaks);
  }

  private Prepared prepare(String... name) {
    Path root = Workspaces.createDirectory(name);
    directories.add(root);
    attribution.addWorkspace(root);
    Path remote = null;
    if (settings.git()) {
      Workspaces.initGit(root);
    }
    if (settings.remote()) {
      remote = Workspaces.createDirectory(name[0], "remote");
      directories.add(remote);
      attribution.addDirectory(remote);
      Workspaces.addRemote(root, remote);
    }
    List<TrackerCustomizer> customizers = customizers();
    TrackerConfig config = config(root, customizers);
    if (!settings.seed().isEmpty()) {
      URL seed = seedResource();
      try {
        Workspaces.seed(config, seed);
      } catch (TrackerException | UncheckedIOException e) {
        throw new ExtensionConfigurationException(
            seedAttribute() + ": cannot import " + seed + ": " + e.getMessage(), e);
      }
    }
    return new Prepared(config, customizers, settings.git(), remote);
  }

  /** The workspace's configuration: the testkit's, the annotation's attributes, the customizers. */
  private TrackerConfig config(Path root, List<TrackerCustomizer> customizers) {
    TrackerConfig.Builder config =
        Workspaces.configBuilder(
            root, settings.git(), settings.syncEnabled(), settings.syncInterval());
    if (settings.exportDebounce() != null) {
      config.exportDebounce(settings.exportDebounce());
    }
    if (settings.databasePath() != null) {
      config.databasePath(settings.databasePath());
    }
    if (settings.exportPath() != null) {
      config.exportPath(settings.exportPath());
    }
    for (TrackerCustomizer customizer : customizers) {
      try {
        customizer.config(config);
      } catch (RuntimeException e) {
        throw customizerFailed(customizer, "config", e);
      }
    }
    try {
      return config.build();
    } catch (ValidationException e) {
      // the attributes were checked: what is invalid came from a customizer
      throw new ExtensionConfigurationException(
          customizersAttribute() + ": the configuration is invalid: " + e.getMessage(), e);
    }
  }

  /** A new instance of each customizer the annotation names, for one workspace. */
  private List<TrackerCustomizer> customizers() {
    List<TrackerCustomizer> made = new ArrayList<>();
    for (Class<? extends TrackerCustomizer> type : settings.customizers()) {
      try {
        made.add(ReflectionSupport.newInstance(type));
        // JUnit rethrows the reflection's checked exceptions unchecked
      } catch (Exception e) {
        throw new ExtensionConfigurationException(
            customizersAttribute()
                + ": cannot make a "
                + type.getName()
                + " (a customizer needs a constructor without parameters, and a nested one must"
                + " be static): "
                + e,
            e);
      }
    }
    return made;
  }

  private ExtensionConfigurationException customizerFailed(
      TrackerCustomizer customizer, String method, RuntimeException e) {
    return new ExtensionConfigurationException(
        customizersAttribute()
            + ": "
            + customizer.getClass().getName()
            + "."
            + method
            + "() failed: "
            + e,
        e);
  }

  private String customizersAttribute() {
    return settings.annotation()
        + "(customizers = "
        + settings.customizers().stream().map(Class::getSimpleName).toList()
        + ") on "
        + settings.testClass().getName();
  }

  private URL seedResource() {
    String seed = settings.seed();
    Class<?> testClass = settings.testClass();
    String absolute = seed.startsWith("/") ? seed.substring(1) : seed;
    ClassLoader loader = testClass.getClassLoader();
    URL url = loader == null ? null : loader.getResource(absolute);
    if (url == null) {
      url = testClass.getResource("/" + absolute);
    }
    if (url == null && !seed.startsWith("/")) {
      url = testClass.getResource(seed);
    }
    if (url == null) {
      throw new ExtensionConfigurationException(
          seedAttribute()
              + ": no such resource on the class path (a path from its root, like"
              + " fixtures/issues.jsonl, or relative to the test class's package)");
    }
    return url;
  }

  private String seedAttribute() {
    return settings.annotation()
        + "(seed = \""
        + settings.seed()
        + "\") on "
        + settings.testClass().getName();
  }

  private record Prepared(
      TrackerConfig config,
      List<TrackerCustomizer> customizers,
      boolean git,
      @Nullable Path remote) {
    TrackerWorkspace workspace(Optional<Path> socket) {
      Path root = config.workspace();
      return new TrackerWorkspace(
          root,
          config.trackerDirectory(),
          config.databasePath(),
          config.exportPath(),
          socket,
          git ? Optional.of(root) : Optional.empty(),
          Optional.ofNullable(remote));
    }
  }
}
