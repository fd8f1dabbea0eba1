package dev.tracker.testkit.internal.extension;

import dev.tracker.testkit.internal.leak.Attribution;
import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.Parameter;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ModifierSupport;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * Finds the {@code @TempDir}s a class's code is given, so that files in them are the class's: the
 * parameters of the invocation, the static fields of the class and the fields of its test instances
 * (JUnit has set them by the time the code runs).
 */
final class TempDirs {

  private TempDirs() {}

  static void add(
      Attribution attribution, ReflectiveInvocationContext<?> call, ExtensionContext context) {
    Parameter[] parameters = call.getExecutable().getParameters();
    List<Object> arguments = call.getArguments();
    for (int i = 0; i < parameters.length && i < arguments.size(); i++) {
      if (parameters[i].isAnnotationPresent(TempDir.class)) {
        add(attribution, arguments.get(i));
      }
    }
    context
        .getTestClass()
        .ifPresent(
            type -> {
              for (Field field : fields(context, type)) {
                if (ModifierSupport.isStatic(field)) {
                  add(attribution, read(field, null));
                }
              }
            });
    context
        .getTestInstances()
        .ifPresent(
            instances -> {
              for (Object instance : instances.getAllInstances()) {
                for (Field field : fields(context, instance.getClass())) {
                  if (ModifierSupport.isNotStatic(field)) {
                    add(attribution, read(field, instance));
                  }
                }
              }
            });
  }

  /**
   * The {@code @TempDir} fields of a class, looked up once per class run and kept in the store of
   * the class's context, so that nothing of it outlives the class (a static cache would hold every
   * test class of a long run).
   */
  @SuppressWarnings("unchecked") // stored under a key only this method uses, always a List<Field>
  private static List<Field> fields(ExtensionContext context, Class<?> type) {
    return (List<Field>)
        Keys.local(TempDirs.class, TrackerExtension.classContext(context))
            .computeIfAbsent(
                type,
                key -> List.copyOf(AnnotationSupport.findAnnotatedFields(type, TempDir.class)),
                List.class);
  }

  private static @Nullable Object read(Field field, @Nullable Object instance) {
    try {
      return ReflectionSupport.makeAccessible(field).get(instance);
    } catch (IllegalAccessException | RuntimeException e) {
      return null; // a field the testkit may not read: its files are pinned on no class
    }
  }

  private static void add(Attribution attribution, @Nullable Object directory) {
    if (directory instanceof Path path) {
      attribution.addDirectory(path);
    } else if (directory instanceof File file) {
      attribution.addDirectory(file.toPath());
    }
  }
}
