package dev.tracker.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The API speaks only its own types and the JDK's. */
class PublicApiTest {

  private static final List<String> HIDDEN =
      List.of("org.jooq", "com.zaxxer", "org.sqlite", "tools.jackson", "org.eclipse.jgit");

  private static final List<Class<?>> API =
      List.of(
          TrackerService.class,
          TrackerConfig.class,
          TrackerConfig.Builder.class,
          Issue.class,
          Issue.Builder.class,
          IssueField.class,
          NewIssue.class,
          NewIssue.Builder.class,
          IssueUpdate.class,
          IssueUpdate.Builder.class,
          IssueFilter.class,
          IssueFilter.Builder.class,
          Dependency.class,
          Comment.class,
          Event.class,
          BlockedIssue.class,
          Stats.class,
          ExportResult.class,
          ImportResult.class,
          Status.class,
          IssueType.class,
          DependencyType.class,
          TrackerException.class,
          IssueNotFoundException.class,
          ValidationException.class,
          ConflictException.class,
          StorageException.class,
          JsonlFormatException.class);

  @Test
  void public_signatures_expose_no_library_types() {
    List<String> leaks = new ArrayList<>();
    for (Class<?> type : API) {
      Stream.<Executable>concat(
              Stream.of(type.getDeclaredMethods()), Stream.of(type.getDeclaredConstructors()))
          .filter(member -> Modifier.isPublic(member.getModifiers()))
          .forEach(member -> leaks.addAll(hiddenTypesIn(member)));
    }

    assertThat(leaks).isEmpty();
  }

  @Test
  void internal_packages_are_exported_only_to_the_project_modules_that_need_them() {
    Module core = TrackerService.class.getModule();

    assertThat(core.getDescriptor().exports())
        .filteredOn(exports -> !exports.isQualified())
        .extracting(ModuleDescriptor.Exports::source)
        .containsExactly("dev.tracker.core");
    assertThat(core.getDescriptor().exports())
        .filteredOn(ModuleDescriptor.Exports::isQualified)
        .allSatisfy(
            exports ->
                assertThat(exports.targets())
                    .isNotEmpty()
                    .isSubsetOf("dev.tracker.daemon", "dev.tracker.testkit"));
    assertThat(core.getDescriptor().exports())
        .filteredOn(exports -> exports.source().equals("dev.tracker.core.internal"))
        .singleElement()
        .satisfies(exports -> assertThat(exports.targets()).containsExactly("dev.tracker.testkit"));
  }

  private static List<String> hiddenTypesIn(Executable member) {
    List<Type> types = new ArrayList<>(List.of(member.getGenericParameterTypes()));
    types.addAll(List.of(member.getGenericExceptionTypes()));
    if (member instanceof Method method) {
      types.add(method.getGenericReturnType());
    }
    return types.stream()
        .map(Type::getTypeName)
        .filter(name -> HIDDEN.stream().anyMatch(name::contains))
        .map(name -> member.getDeclaringClass().getSimpleName() + "." + name(member) + ": " + name)
        .toList();
  }

  private static String name(Executable member) {
    return member instanceof Constructor<?> ? "<init>" : member.getName();
  }
}
