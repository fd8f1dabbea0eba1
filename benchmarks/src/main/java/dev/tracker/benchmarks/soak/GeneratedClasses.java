package dev.tracker.benchmarks.soak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The soak's test classes: {@code count} one-line subclasses of test classes (of {@link SoakCase},
 * or of several in turn), compiled with the JDK's own compiler ({@code javax.tools}) into a
 * directory and loaded by a class loader of their own. Distinct classes, so that JUnit runs each as
 * a class with its own daemon.
 */
final class GeneratedClasses implements AutoCloseable {

  static final String PACKAGE = "dev.tracker.benchmarks.soak.generated";

  private final URLClassLoader loader;
  private final List<Class<?>> classes;

  private GeneratedClasses(URLClassLoader loader, List<Class<?>> classes) {
    this.loader = loader;
    this.classes = classes;
  }

  static GeneratedClasses compile(int count, Path directory) {
    return compile(List.of(SoakCase.class), "Soak", count, directory);
  }

  /**
   * Class {@code i} (from 1) is {@code <prefix><i>Test} and extends {@code bases[(i - 1) % n]}; the
   * bases are public, with a public constructor.
   */
  static GeneratedClasses compile(List<Class<?>> bases, String prefix, int count, Path directory) {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    if (compiler == null) {
      throw new IllegalStateException("The soak needs a JDK: no system Java compiler");
    }
    try {
      Path sources = Files.createDirectories(directory.resolve("src"));
      Path output = Files.createDirectories(directory.resolve("classes"));
      List<String> arguments = new ArrayList<>(List.of("-d", output.toString(), "-cp"));
      arguments.add(System.getProperty("java.class.path"));
      arguments.add("-nowarn");
      List<String> names = new ArrayList<>();
      for (int i = 1; i <= count; i++) {
        String name = String.format(Locale.ROOT, "%s%04dTest", prefix, i);
        Class<?> base = bases.get((i - 1) % bases.size());
        names.add(PACKAGE + "." + name);
        Path source = sources.resolve(name + ".java");
        Files.writeString(
            source,
            "package "
                + PACKAGE
                + ";\n\npublic class "
                + name
                + " extends "
                + base.getCanonicalName()
                + " {}\n",
            StandardCharsets.UTF_8);
        arguments.add(source.toString());
      }
      int exit = compiler.run(null, null, null, arguments.toArray(String[]::new));
      if (exit != 0) {
        throw new IllegalStateException("javac exited with " + exit);
      }
      URLClassLoader loader =
          new URLClassLoader(new URL[] {output.toUri().toURL()}, SoakCase.class.getClassLoader());
      List<Class<?>> classes = new ArrayList<>();
      for (String name : names) {
        classes.add(loader.loadClass(name));
      }
      return new GeneratedClasses(loader, classes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  List<Class<?>> classes() {
    return classes;
  }

  @Override
  public void close() throws IOException {
    loader.close();
  }
}
