package dev.tracker.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.tracker.build.ApiSignatures.Leak;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The check on a module compiled for it: an API package with one planted leak per class, an
 * internal package, a package exported to one module only, and a module read without {@code
 * requires transitive}.
 */
class ApiSignaturesTest {

  private static final Map<String, String> FIXTURE =
      Map.ofEntries(
          Map.entry(
              "module-info.java",
              """
              module fixture {
                requires transitive java.logging;
                requires java.sql;
                exports fixture.api;
                exports fixture.shared to java.logging;
              }
              """),
          Map.entry("fixture/internal/Hidden.java", "public class Hidden {}"),
          Map.entry("fixture/internal/HiddenInterface.java", "public interface HiddenInterface {}"),
          Map.entry(
              "fixture/internal/HiddenException.java",
              "public class HiddenException extends RuntimeException {}"),
          Map.entry(
              "fixture/internal/HiddenMarker.java",
              """
              @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
              public @interface HiddenMarker {}
              """),
          Map.entry("fixture/internal/HiddenKind.java", "public enum HiddenKind { ONE }"),
          Map.entry("fixture/shared/Shared.java", "public class Shared {}"),
          Map.entry(
              "fixture/api/Names.java",
              """
              @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
              public @interface Names {
                Class<?>[] value() default {};
              }
              """),
          Map.entry(
              "fixture/api/Kinds.java",
              """
              @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
              public @interface Kinds {
                fixture.internal.HiddenKind kind() default fixture.internal.HiddenKind.ONE;
              }
              """),
          Map.entry(
              "fixture/api/Clean.java",
              """
              import fixture.internal.Hidden;
              import java.util.List;
              import java.util.Map;
              import java.util.function.Function;
              import java.util.logging.Logger;
              @Deprecated
              public final class Clean implements Comparable<Clean> {
                public static final String NAME = "clean";
                private Hidden hidden = new Hidden();
                Hidden packageHidden = new Hidden();
                public Clean() {}
                Clean(Hidden hidden) { this.hidden = hidden; }
                public Map<String, List<? extends Clean>> nested() { return Map.of(); }
                public <T extends Comparable<T>> T bounded(Function<? super Clean, T> f) {
                  return f.apply(this);
                }
                public Logger logger() { return Logger.getGlobal(); }
                public int[] numbers() { return new int[0]; }
                @Override public int compareTo(Clean other) { return 0; }
                private Hidden hidden() { return hidden; }
                Hidden packageHidden() { return packageHidden; }
                static class Inner { public Hidden hidden() { return new Hidden(); } }
              }
              """),
          Map.entry(
              "fixture/api/NotApi.java",
              "class NotApi { public fixture.internal.Hidden hidden() { return null; } }"),
          leak("ReturnsHidden", "public Hidden hidden() { return null; }"),
          leak("TakesHidden", "public void take(Hidden hidden) {}"),
          leak("FieldHidden", "public Hidden field;"),
          leak("ProtectedFieldHidden", "protected Hidden field;"),
          leak("ConstructorTakesHidden", "public ConstructorTakesHidden(Hidden hidden) {}"),
          leak("ThrowsHidden", "public void run() throws fixture.internal.HiddenException {}"),
          leak("ListOfHidden", "public java.util.List<Hidden> list() { return null; }"),
          leak(
              "WildcardOfHidden",
              "public java.util.List<? extends Hidden> list() { return null; }"),
          leak("MethodTypeBound", "public <T extends Hidden> T make() { return null; }"),
          leak("ArrayOfHidden", "public Hidden[][] array() { return null; }"),
          leak("Nested", "public static class Inner { public Hidden hidden() { return null; } }"),
          Map.entry(
              "fixture/api/ExtendsHidden.java",
              "public class ExtendsHidden extends fixture.internal.Hidden {}"),
          Map.entry(
              "fixture/api/ImplementsHidden.java",
              "public class ImplementsHidden implements fixture.internal.HiddenInterface {}"),
          Map.entry(
              "fixture/api/TypeBound.java",
              "public class TypeBound<T extends fixture.internal.Hidden> {}"),
          Map.entry(
              "fixture/api/NamesHidden.java",
              """
              @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
              @Names(fixture.internal.Hidden.class)
              public @interface NamesHidden {}
              """),
          Map.entry(
              "fixture/api/MarkedHidden.java",
              "@fixture.internal.HiddenMarker public class MarkedHidden {}"),
          Map.entry(
              "fixture/api/SharedOnly.java",
              "public class SharedOnly { public fixture.shared.Shared shared() { return null; } }"),
          Map.entry(
              "fixture/api/NotTransitive.java",
              """
              public class NotTransitive {
                public java.sql.Connection connection() { return null; }
              }
              """));

  @TempDir static Path directory;
  private static URLClassLoader loader;
  private static ApiSignatures api;

  /** A class of the API package with one member that leaks {@code fixture.internal.Hidden}. */
  private static Map.Entry<String, String> leak(String name, String member) {
    return Map.entry(
        "fixture/api/" + name + ".java",
        "import fixture.internal.Hidden;\npublic class " + name + " {\n  " + member + "\n}\n");
  }

  @BeforeAll
  static void compile_the_fixture() throws IOException {
    Path sources = directory.resolve("src");
    Path classes = directory.resolve("classes");
    List<String> arguments =
        new ArrayList<>(List.of("-d", classes.toString(), "-proc:none", "-Xlint:none"));
    for (Map.Entry<String, String> source : FIXTURE.entrySet()) {
      String name = source.getKey();
      int slash = name.lastIndexOf('/');
      String pkg = slash < 0 ? "" : "package " + name.substring(0, slash).replace('/', '.') + ";\n";
      Path file = sources.resolve(name);
      Files.createDirectories(sources.resolve(slash < 0 ? "" : name.substring(0, slash)));
      Files.writeString(file, pkg + source.getValue());
      arguments.add(file.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    int status = javac.run(null, diagnostics, diagnostics, arguments.toArray(String[]::new));
    assertThat(status)
        .as("javac's status for the fixture:%n%s", diagnostics.toString(StandardCharsets.UTF_8))
        .isZero();

    loader =
        new URLClassLoader(
            new URL[] {classes.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    api = ApiSignatures.of(classes, loader);
  }

  @AfterAll
  static void close_the_loader() throws IOException {
    loader.close();
  }

  private static Class<?> fixture(String simpleName) throws ClassNotFoundException {
    return Class.forName("fixture.api." + simpleName, false, loader);
  }

  @Test
  void the_api_is_the_public_types_of_the_packages_exported_to_everyone() throws Exception {
    assertThat(api.module()).isEqualTo("fixture");
    assertThat(api.types())
        .extracting(Class::getName)
        .contains("fixture.api.Clean", "fixture.api.ReturnsHidden", "fixture.api.Nested$Inner")
        .doesNotContain("fixture.api.NotApi", "fixture.api.Clean$Inner", "fixture.shared.Shared")
        .allSatisfy(name -> assertThat(name).startsWith("fixture.api."));
  }

  @Test
  void a_clean_type_leaks_nothing() throws Exception {
    assertThat(api.leaksOf(fixture("Clean"))).isEmpty();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ReturnsHidden          | method hidden() returns",
        "TakesHidden            | method take(Hidden), parameter",
        "FieldHidden            | field field",
        "ProtectedFieldHidden   | field field",
        "ConstructorTakesHidden | constructor ConstructorTakesHidden(Hidden), parameter",
        "ListOfHidden           | method list() returns, type argument",
        "WildcardOfHidden       | method list() returns, type argument",
        "MethodTypeBound        | method make(), type parameter T bound",
        "ArrayOfHidden          | method array() returns",
        "Nested$Inner           | method hidden() returns",
        "ExtendsHidden          | superclass",
        "TypeBound              | type parameter T bound",
        "NamesHidden            | annotation on the type @Names value",
      })
  void a_planted_internal_type_is_found_where_it_leaks(String type, String where) throws Exception {
    List<Leak> leaks = api.leaksOf(fixture(type));

    assertThat(leaks)
        .singleElement()
        .satisfies(
            leak -> {
              assertThat(leak.where()).isEqualTo(where);
              assertThat(leak.leaked().getName()).isEqualTo("fixture.internal.Hidden");
              assertThat(leak.why()).isEqualTo("package fixture.internal is not exported");
            });
  }

  @Test
  void thrown_interface_annotation_and_enum_types_are_signatures_too() throws Exception {
    assertThat(api.leaksOf(fixture("ThrowsHidden")))
        .extracting(Leak::where, leak -> leak.leaked().getSimpleName())
        .containsExactly(tuple("method run() throws", "HiddenException"));
    assertThat(api.leaksOf(fixture("ImplementsHidden")))
        .extracting(Leak::where, leak -> leak.leaked().getSimpleName())
        .containsExactly(tuple("interface", "HiddenInterface"));
    assertThat(api.leaksOf(fixture("MarkedHidden")))
        .extracting(Leak::where, leak -> leak.leaked().getSimpleName())
        .containsExactly(tuple("annotation on the type @HiddenMarker", "HiddenMarker"));
    assertThat(api.leaksOf(fixture("Kinds")))
        .extracting(Leak::where, leak -> leak.leaked().getSimpleName())
        .containsExactly(
            tuple("method kind() returns", "HiddenKind"),
            tuple("default of method kind()", "HiddenKind"));
  }

  @Test
  void a_package_exported_to_named_modules_only_is_not_api() throws Exception {
    assertThat(api.leaksOf(fixture("SharedOnly")))
        .singleElement()
        .satisfies(
            leak ->
                assertThat(leak)
                    .hasToString(
                        "fixture.api.SharedOnly, method shared() returns: fixture.shared.Shared"
                            + " (package fixture.shared is exported only to java.logging)"));
  }

  @Test
  void a_module_required_without_transitive_is_not_read_by_the_apis_readers() throws Exception {
    assertThat(api.leaksOf(fixture("NotTransitive")))
        .singleElement()
        .satisfies(
            leak -> {
              assertThat(leak.leaked()).isEqualTo(java.sql.Connection.class);
              assertThat(leak.why())
                  .isEqualTo(
                      "module java.sql is not read by readers of fixture (not required"
                          + " transitively)");
            });
  }

  @Test
  void every_planted_leak_is_in_the_modules_list_and_no_clean_type_is() {
    assertThat(api.leaks())
        .extracting(leak -> leak.type().getSimpleName())
        .doesNotContain("Clean")
        .contains("ReturnsHidden", "NotTransitive", "SharedOnly", "NamesHidden");
  }

  @Test
  void a_jar_is_read_like_a_directory() throws Exception {
    Path jar = directory.resolve("fixture.jar");
    Path classes = directory.resolve("classes");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(file).toString()));
        out.write(Files.readAllBytes(file));
        out.closeEntry();
      }
    }

    ApiSignatures fromJar = ApiSignatures.of(jar, loader);

    assertThat(fromJar.types()).isEqualTo(api.types());
    assertThat(fromJar.leaks()).hasSameSizeAs(api.leaks());
  }

  @Test
  void classes_without_a_module_descriptor_are_refused_naming_the_place() throws IOException {
    Path empty = Files.createDirectories(directory.resolve("empty"));
    Files.writeString(empty.resolve("README"), "no classes", StandardCharsets.UTF_8);

    assertThatThrownBy(() -> ApiSignatures.of(empty, loader))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no module-info.class in " + empty);
  }
}
