package dev.tracker.testkit.internal.extension;

import dev.tracker.testkit.internal.leak.Attribution;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.DynamicTestInvocationContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Runs a test class's own code (its constructor, lifecycle methods, test methods, test factories,
 * templates and dynamic tests) as the class's, for its leak check: the thread's context class
 * loader is the class's marker while it runs ({@link Attribution#enter()}), so that every thread,
 * service and connection it starts carries the class; and every {@code @TempDir} it is given
 * becomes one of the class's directories ({@link TempDirs}).
 *
 * <p>Only invocations are marked, not the extension callbacks around them: a worker of JUnit's
 * parallel execution may run another class's callbacks between two of them, and must not carry this
 * class's mark then.
 */
public abstract class ClassCodeInterceptor implements InvocationInterceptor {

  /** For the extensions, which JUnit creates. */
  protected ClassCodeInterceptor() {}

  /** The attribution of the context's class (or of the class it runs in); null when none. */
  abstract @Nullable Attribution attribution(ExtensionContext context);

  /**
   * Constructors of per-method test instances get the test method's context, so that what they are
   * injected with is the method's, like JUnit's {@code @TempDir}.
   */
  @Override
  public ExtensionContextScope getTestInstantiationExtensionContextScope(
      ExtensionContext rootContext) {
    return ExtensionContextScope.TEST_METHOD;
  }

  @SuppressWarnings(
      "try") // the resource gives the thread its context class loader back when the block ends
  private <T> T proceed(
      Invocation<T> invocation,
      @Nullable ReflectiveInvocationContext<?> call,
      ExtensionContext context)
      throws Throwable {
    Attribution attribution = attribution(context);
    if (attribution == null) {
      return invocation.proceed();
    }
    if (call != null) {
      TempDirs.add(attribution, call, context);
    }
    try (Attribution.Entered entered = attribution.enter()) {
      return invocation.proceed();
    }
  }

  @Override
  public <T> T interceptTestClassConstructor(
      Invocation<T> invocation,
      ReflectiveInvocationContext<Constructor<T>> call,
      ExtensionContext context)
      throws Throwable {
    return proceed(invocation, call, context);
  }

  @Override
  public void interceptBeforeAllMethod(
      Invocation<@Nullable Void> invocation,
      ReflectiveInvocationContext<Method> call,
      ExtensionContext context)
      throws Throwable {
    proceed(invocation, call, context);
  }

  @Override
  public void interceptBeforeEachMethod(
      Invocation<@Nullable Void> invocation,
      ReflectiveInvocationContext<Method> call,
      ExtensionContext context)
      throws Throwable {
    proceed(invocation, call, context);
  }

  @Override
  public void interceptTestMethod(
      Invocation<@Nullable Void> invocation,
      ReflectiveInvocationContext<Method> call,
      ExtensionContext context)
      throws Throwable {
    proceed(invocation, call, context);
  }

  @Override
  public <T> T interceptTestFactoryMethod(
      Invocation<T> invocation, ReflectiveInvocationContext<Method> call, ExtensionContext context)
      throws Throwable {
    return proceed(invocation, call, context);
  }

  @Override
  public void interceptTestTemplateMethod(
      Invocation<@Nullable Void> invocation,
      ReflectiveInvocationContext<Method> call,
      ExtensionContext context)
      throws Throwable {
    proceed(invocation, call, context);
  }

  @Override
  public void interceptDynamicTest(
      Invocation<@Nullable Void> invocation,
      DynamicTestInvocationContext call,
      ExtensionContext context)
      throws Throwable {
    proceed(invocation, null, context);
  }

  @Override
  public void interceptAfterEachMethod(
      Invocation<@Nullable Void> invocation,
      ReflectiveInvocationContext<Method> call,
      ExtensionContext context)
      throws Throwable {
    proceed(invocation, call, context);
  }

  @Override
  public void interceptAfterAllMethod(
      Invocation<@Nullable Void> invocation,
      ReflectiveInvocationContext<Method> call,
      ExtensionContext context)
      throws Throwable {
    proceed(invocation, call, context);
  }
}
