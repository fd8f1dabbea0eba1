package dev.tracker.testkit.internal.extension;

import dev.tracker.testkit.LeakCheck;
import dev.tracker.testkit.internal.leak.Attribution;
import dev.tracker.testkit.internal.leak.LeakSettings;
import dev.tracker.testkit.internal.leak.LeakVerification;
import dev.tracker.testkit.internal.leak.SessionCheck;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The extension behind {@link LeakCheck} used alone: a baseline before the class, stored as the
 * class context's first value, so verified after everything else the class stored has closed; the
 * class's code runs marked as its own ({@link ClassCodeInterceptor}), so that the check pins on it
 * what it started also while other classes run. A class that also has a tracker annotation is left
 * to {@link TrackerExtension}, whose check uses this annotation's settings.
 */
public abstract class LeakCheckExtension extends ClassCodeInterceptor implements BeforeAllCallback {

  /**
   * For the one subclass, the package-private class of the API package that {@link LeakCheck} names
   * and JUnit creates; there is no state in it.
   */
  protected LeakCheckExtension() {}

  @Override
  public void beforeAll(ExtensionContext context) {
    check(context);
  }

  /**
   * The check of the context's class, created the first time (in {@code beforeAll}, or earlier for
   * the constructor of a per-class test instance); for a class without {@link LeakCheck} of its
   * own, its enclosing class's; null when there is none.
   */
  private static @Nullable ManagedLeakCheck check(ExtensionContext context) {
    for (Optional<ExtensionContext> current = Optional.of(TrackerExtension.classContext(context));
        current.isPresent() && current.get().getTestClass().isPresent();
        current = current.get().getParent()) {
      ExtensionContext type = current.get();
      Class<?> testClass = type.getRequiredTestClass();
      if (Settings.annotated(testClass)) {
        return null;
      }
      if (AnnotationSupport.isAnnotated(testClass, LeakCheck.class)) {
        return Keys.local(LeakCheckExtension.class, type)
            .computeIfAbsent(
                Keys.LEAK_CHECK, key -> create(type, testClass), ManagedLeakCheck.class);
      }
    }
    return null;
  }

  private static ManagedLeakCheck create(ExtensionContext context, Class<?> testClass) {
    LeakSettings settings = Settings.leakSettings(context);
    SessionCheck session = ManagedSessionCheck.of(context);
    Attribution attribution = new Attribution(testClass.getName(), session, true);
    LeakVerification verification =
        new LeakVerification(testClass.getName(), attribution, settings, session);
    return new ManagedLeakCheck(verification, new Outcome(), attribution::release);
  }

  @Override
  @Nullable Attribution attribution(ExtensionContext context) {
    ManagedLeakCheck check = check(context);
    return check == null ? null : check.attribution();
  }
}
