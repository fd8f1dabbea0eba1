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

  // the @TempDir fields of each class, looked up once
  private static final ClassValue<List<Field>> FIELDS =
      new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
          return List.copyOf(AnnotationSupport.findAnnotatedFields(type, TempDir.class));
        }
      };

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
              for (Field field : FIELDS.get(type)) {
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
                for (Field field : FIELDS.get(instance.getClass())) {
                  if (ModifierSupport.isNotStatic(field)) {
                    add(attribution, read(field, instance));
                  }
                }
              }
            });
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
