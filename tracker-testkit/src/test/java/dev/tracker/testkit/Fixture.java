package dev.tracker.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a fixture class: it runs only inside {@link Fixtures}, which sets {@link #PARAMETER}, never
 * when a build's test pattern happens to select it (many fail on purpose).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(Fixture.OnlyThroughEngineTestKit.class)
@interface Fixture {

  /** The configuration parameter {@link Fixtures} sets. */
  String PARAMETER = "dev.tracker.testkit.fixtures";

  /** Disables a fixture run outside {@link Fixtures}. */
  final class OnlyThroughEngineTestKit implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return context.getConfigurationParameter(PARAMETER).isPresent()
          ? ConditionEvaluationResult.enabled("run through EngineTestKit")
          : ConditionEvaluationResult.disabled("a fixture, run only through EngineTestKit");
    }
  }
}
