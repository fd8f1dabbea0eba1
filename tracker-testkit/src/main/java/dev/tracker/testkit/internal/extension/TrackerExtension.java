package dev.tracker.testkit.internal.extension;

import dev.tracker.core.TrackerService;
import dev.tracker.daemon.ManualScheduler;
import dev.tracker.daemon.TrackerDaemon;
import dev.tracker.testkit.DaemonConnection;
import dev.tracker.testkit.TrackerDaemonTest.Lifecycle;
import dev.tracker.testkit.TrackerWorkspace;
import dev.tracker.testkit.internal.leak.Attribution;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The extension behind {@link dev.tracker.testkit.TrackerDaemonTest} and {@link
 * dev.tracker.testkit.TrackerTest}, modelled on JUnit's own {@code @TempDir} support.
 *
 * <p><b>Store layout.</b> Everything lives in JUnit's {@link ExtensionContext.Store}, in the store
 * of the context it belongs to, under {@code Namespace.create(TrackerExtension.class, <context's
 * unique id>)}. The annotated class's context holds, in this order: its workspace directories, its
 * leak check, its daemon (per class) or embedded service, the {@link Scope} that ties them
 * together, then the per-class clients. A test method's context holds its daemon (per method) and
 * then its clients. Every resource is an {@code AutoCloseable}, and JUnit closes a context's values
 * in reverse order of insertion when the context ends; so teardown runs: per-method clients (and a
 * per-method daemon), per-class clients, the daemon, the leak check, the workspace.
 */
public abstract class TrackerExtension extends ClassCodeInterceptor
    implements BeforeAllCallback, BeforeEachCallback, ParameterResolver, TestWatcher {

  private static final Set<Class<?>> SUPPORTED =
      Set.of(
          TrackerDaemon.class,
          TrackerService.class,
          DaemonConnection.class,
          TrackerWorkspace.class,
          ManualScheduler.class);

  /**
   * For the one subclass, the package-private class of the API package that the annotations name
   * and JUnit creates; there is no state in it.
   */
  protected TrackerExtension() {}

  @Override
  @Nullable Attribution attribution(ExtensionContext context) {
    return scope(context).map(scope -> scope.attribution).orElse(null);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    Optional<Scope> scope = scope(context);
    if (scope.isPresent() && !scope.get().ownedBy(context)) {
      Keys.local(TrackerExtension.class, context)
          .put(Keys.FAILURE_TRACKER, new FailureTracker(context, scope.get().outcome));
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    Optional<Scope> scope = scope(context);
    if (scope.isPresent() && perMethod(scope.get())) {
      methodDaemon(context, scope.get());
    }
  }

  @Override
  public void testFailed(ExtensionContext context, @Nullable Throwable cause) {
    existingScope(classContext(context)).ifPresent(scope -> scope.outcome.fail());
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return SUPPORTED.contains(parameter.getParameter().getType()) && annotated(context);
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Scope scope =
        scope(context).orElseThrow(() -> misuse(parameter, "its class has no tracker annotation"));
    Class<?> type = parameter.getParameter().getType();
    boolean inMethod = context.getTestMethod().isPresent();
    if (!scope.settings.daemon()) {
      ManagedService service = required(scope.service());
      if (type == TrackerService.class) {
        return service.service();
      }
      if (type == TrackerWorkspace.class) {
        return service.workspace();
      }
      throw misuse(
          parameter,
          "a @TrackerTest class runs no daemon, only an embedded TrackerService; use"
              + " @TrackerDaemonTest for a "
              + type.getSimpleName());
    }
    if (perMethod(scope) && !inMethod) {
      throw misuse(
          parameter,
          "with @TrackerDaemonTest(lifecycle = PER_METHOD) each test method gets its own daemon,"
              + " which does not exist yet in @BeforeAll or @AfterAll methods, static contexts or"
              + " the constructor of a @TestInstance(PER_CLASS) class; ask for it in a @BeforeEach"
              + " or @AfterEach method, the test method or the constructor, or use lifecycle ="
              + " PER_CLASS");
    }
    ManagedDaemon daemon =
        perMethod(scope) ? methodDaemon(context, scope) : required(scope.classDaemon());
    if (type == TrackerDaemon.class) {
      return daemon.daemon();
    }
    if (type == TrackerWorkspace.class) {
      return daemon.workspace();
    }
    if (type == ManualScheduler.class) {
      ManualScheduler time = daemon.time();
      if (time == null) {
        throw misuse(
            parameter,
            "the daemon runs on real time; annotate the class with @TrackerDaemonTest(manualTime ="
                + " true) for a daemon on a ManualScheduler the test moves");
      }
      return time;
    }
    String owner = inMethod ? "method " + context.getRequiredTestMethod().getName() : "class";
    if (type == TrackerService.class) {
      return client(
          context,
          scope,
          "TrackerService (" + owner + ")",
          () -> TrackerService.connect(daemon.workspace().root(), daemon.daemon().socket()));
    }
    return client(
        context,
        scope,
        "DaemonConnection (" + owner + ")",
        () -> DaemonConnection.open(daemon.daemon().socket()));
  }

  @SuppressWarnings(
      "try") // the resource gives the thread its context class loader back when the block ends
  private static Object client(
      ExtensionContext context, Scope scope, String description, Supplier<AutoCloseable> open) {
    return Keys.local(TrackerExtension.class, context)
        .computeIfAbsent(
            Keys.CLIENT + description,
            key -> {
              try (Attribution.Entered entered = scope.attribution.enter()) {
                return new ManagedClient(open.get(), description);
              }
            },
            ManagedClient.class)
        .client();
  }

  private static ManagedDaemon methodDaemon(ExtensionContext method, Scope scope) {
    return Keys.local(TrackerExtension.class, method)
        .computeIfAbsent(Keys.DAEMON, key -> scope.startMethodDaemon(method), ManagedDaemon.class);
  }

  private static boolean perMethod(Scope scope) {
    return scope.settings.daemon() && scope.settings.lifecycle() == Lifecycle.PER_METHOD;
  }

  /** The scope of the context's class: its own, or an enclosing class's; created if need be. */
  static Optional<Scope> scope(ExtensionContext context) {
    ExtensionContext type = classContext(context);
    if (type.getTestClass().isEmpty()) {
      return Optional.empty();
    }
    Settings settings = Settings.of(type.getRequiredTestClass());
    if (settings == null) {
      return type.getParent()
          .filter(parent -> parent.getTestClass().isPresent())
          .flatMap(TrackerExtension::scope);
    }
    ExtensionContext.Store store = Keys.local(TrackerExtension.class, type);
    Object lock = store.computeIfAbsent(Keys.SCOPE_LOCK, key -> new Object());
    synchronized (lock) {
      Object existing = store.get(Keys.SCOPE);
      if (existing instanceof Scope scope) {
        return Optional.of(scope);
      }
      if (existing instanceof RuntimeException failure) {
        // the first attempt failed and has been reported; do not make a second workspace
        throw failure;
      }
      try {
        Scope scope = Scope.create(type, settings, store);
        store.put(Keys.SCOPE, scope);
        return Optional.of(scope);
      } catch (RuntimeException e) {
        store.put(Keys.SCOPE, e);
        throw e;
      }
    }
  }

  /** The scope of the context's class if it has been created; never creates one. */
  private static Optional<Scope> existingScope(ExtensionContext type) {
    if (type.getTestClass().isEmpty()) {
      return Optional.empty();
    }
    if (!Settings.annotated(type.getRequiredTestClass())) {
      return type.getParent()
          .filter(parent -> parent.getTestClass().isPresent())
          .flatMap(TrackerExtension::existingScope);
    }
    Object existing = Keys.local(TrackerExtension.class, type).get(Keys.SCOPE);
    return existing instanceof Scope scope ? Optional.of(scope) : Optional.empty();
  }

  private static boolean annotated(ExtensionContext context) {
    for (Optional<ExtensionContext> type = Optional.of(classContext(context));
        type.isPresent() && type.get().getTestClass().isPresent();
        type = type.get().getParent()) {
      if (Settings.annotated(type.get().getRequiredTestClass())) {
        return true;
      }
    }
    return false;
  }

  /** The context itself, or the class context above a test method's (or dynamic test's). */
  static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext current = context;
    while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
      current = current.getParent().get();
    }
    return current;
  }

  private static <T> T required(@Nullable T value) {
    if (value == null) {
      throw new IllegalStateException("the scope lacks what its settings promise");
    }
    return value;
  }

  private static ExtensionConfigurationException misuse(ParameterContext parameter, String why) {
    Executable executable = parameter.getDeclaringExecutable();
    String where =
        executable instanceof Constructor<?>
            ? "constructor " + executable.getDeclaringClass().getName()
            : "method " + executable.getDeclaringClass().getName() + "." + executable.getName();
    return new ExtensionConfigurationException(
        "Cannot inject parameter ["
            + parameter.getParameter()
            + "] of "
            + where
            + ": "
            + why
            + ".");
  }
}
