package dev.tracker.testkit.internal.extension;

import dev.tracker.testkit.LeakCheck;
import dev.tracker.testkit.internal.leak.Attribution;
import dev.tracker.testkit.internal.leak.LeakSettings;
import dev.tracker.testkit.internal.leak.LeakVerification;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The extension behind {@link LeakCheck} used alone: a baseline before the class, stored as the
 * class context's first value, so verified after everything else the class stored has closed. A
 * class that also has a tracker annotation is left to {@link TrackerExtension}, whose check uses
 * this annotation's settings.
 */
public abstract class LeakCheckExtension implements BeforeAllCallback {

  /**
   * For the one subclass, the package-private class of the API package that {@link LeakCheck} names
   * and JUnit creates; there is no state in it.
   */
  protected LeakCheckExtension() {}

  @Override
  public void beforeAll(ExtensionContext context) {
    Class<?> testClass = context.getRequiredTestClass();
    if (!AnnotationSupport.isAnnotated(testClass, LeakCheck.class)
        || Settings.annotated(testClass)) {
      return;
    }
    LeakSettings settings = Settings.leakSettings(context);
    if (!settings.wholeProcess()) {
      context.publishReportEntry(
          "tracker.leakCheck",
          "skipped: classes run in parallel, and without a workspace nothing can be pinned on "
              + testClass.getName());
      return;
    }
    Attribution attribution = new Attribution(testClass.getName());
    LeakVerification verification =
        new LeakVerification(testClass.getName(), attribution, settings);
    Keys.local(LeakCheckExtension.class, context)
        .put(
            Keys.LEAK_CHECK,
            new ManagedLeakCheck(verification, new Outcome(), attribution::release));
  }
}
