package dev.tracker.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.lang.module.ModuleDescriptor.Requires;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The public API of one module, derived from its descriptor, and the types its signatures name that
 * its readers cannot use.
 *
 * <p>The API is every public type (and every public or protected type nested in one) of the
 * packages the module exports to everyone ({@code exports p;}, not {@code exports p to m;}). A
 * signature is what a reader of the module sees of such a type: its superclass, interfaces, type
 * parameters and their bounds, its public and protected fields, constructors and methods (their
 * parameter, return and thrown types, with every type argument, wildcard bound and array
 * component), the types of the annotations on all of these that are visible at run time, and what
 * those annotations name (a {@code Class} value, an enum constant, a nested annotation, a default
 * value).
 *
 * <p>A type in a signature is a leak when it belongs to a package of this module that is not
 * exported to everyone (an internal package, or one exported only to named modules), or to another
 * module that the module's readers do not read: one that is not {@code java.base} and not reached
 * from this module through {@code requires transitive}, or a package that module does not export.
 * Whether a type in an exported package is public is javac's {@code exports} lint's business, which
 * the build runs as an error.
 *
 * <pre>{@code
 * ApiSignatures api = ApiSignatures.of(ApiSignatures.classesOf(TrackerService.class));
 * assertThat(api.types()).contains(TrackerService.class);
 * assertThat(api.leaks()).isEmpty();
 * }</pre>
 */
public final class ApiSignatures {

  private final ModuleDescriptor descriptor;
  private final Set<String> ownPackages;
  private final Set<String> exportedPackages;
  private final List<Class<?>> types;
  private final Modules modules;

  private ApiSignatures(
      ModuleDescriptor descriptor, Set<String> ownPackages, List<Class<?>> types) {
    this.descriptor = descriptor;
    this.ownPackages = ownPackages;
    this.exportedPackages = new HashSet<>();
    for (Exports exports : descriptor.exports()) {
      if (!exports.isQualified()) {
        exportedPackages.add(exports.source());
      }
    }
    this.types = types;
    this.modules = new Modules(descriptor);
  }

  /**
   * Reads the module whose classes are in a directory or jar ({@code module-info.class} at its
   * root) and loads the types of its exported packages, without initialising them, through the
   * class loader of {@code loader}.
   *
   * @throws IllegalArgumentException if there is no {@code module-info.class} there
   */
  public static ApiSignatures of(Path classes, ClassLoader loader) {
    if (Files.isRegularFile(classes)) {
      try (FileSystem jar = FileSystems.newFileSystem(classes)) {
        return read(jar.getPath("/"), classes, loader);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + classes, e);
      }
    }
    return read(classes, classes, loader);
  }

  /** As {@link #of(Path, ClassLoader)} for the classes of the module {@code type} is in. */
  public static ApiSignatures of(Class<?> type) {
    return of(classesOf(type), classLoaderOf(type));
  }

  /** The directory or jar that {@code type} was loaded from. */
  public static Path classesOf(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source == null) {
      throw new IllegalArgumentException(type.getName() + " was not loaded from a file");
    }
    try {
      return Path.of(source.getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("no path for " + source.getLocation(), e);
    }
  }

  private static ClassLoader classLoaderOf(Class<?> type) {
    ClassLoader loader = type.getClassLoader();
    if (loader == null) {
      throw new IllegalArgumentException(type.getName() + " is a class of the JDK");
    }
    return loader;
  }

  private static ApiSignatures read(Path root, Path classes, ClassLoader loader) {
    Path moduleInfo = root.resolve("module-info.class");
    if (!Files.isRegularFile(moduleInfo)) {
      throw new IllegalArgumentException("no module-info.class in " + classes);
    }
    Map<String, List<String>> classesByPackage = classNames(root);
    ModuleDescriptor descriptor;
    try (InputStream in = Files.newInputStream(moduleInfo)) {
      descriptor = ModuleDescriptor.read(in, classesByPackage::keySet);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + moduleInfo, e);
    }
    List<Class<?>> types = new ArrayList<>();
    for (Exports exports : descriptor.exports()) {
      if (exports.isQualified()) {
        continue;
      }
      for (String name : classesByPackage.getOrDefault(exports.source(), List.of())) {
        Class<?> type = load(name, loader);
        if (isApi(type)) {
          types.add(type);
        }
      }
    }
    types.sort(Comparator.comparing(Class::getName));
    return new ApiSignatures(descriptor, classesByPackage.keySet(), List.copyOf(types));
  }

  /** The binary names of the classes under {@code root}, by package. */
  private static Map<String, List<String>> classNames(Path root) {
    Map<String, List<String>> names = new HashMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      files
          .filter(file -> file.toString().endsWith(".class"))
          .map(file -> root.relativize(file).toString())
          .filter(file -> !file.equals("module-info.class"))
          .sorted()
          .forEach(
              file -> {
                String name =
                    file.substring(0, file.length() - ".class".length()).replace('/', '.');
                int dot = name.lastIndexOf('.');
                List<String> inPackage =
                    names.computeIfAbsent(
                        dot < 0 ? "" : name.substring(0, dot), p -> new ArrayList<>());
                if (!name.endsWith(".package-info")) {
                  inPackage.add(name);
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root, e);
    }
    return names;
  }

  private static Class<?> load(String name, ClassLoader loader) {
    try {
      return Class.forName(name, false, loader);
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException(name + " is in the classes but cannot be loaded", e);
    }
  }

  /** Whether a reader of the package can use the type: public, and so is every type around it. */
  private static boolean isApi(Class<?> type) {
    if (type.isSynthetic() || type.isAnonymousClass() || type.isLocalClass()) {
      return false;
    }
    for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
      int modifiers = t.getModifiers();
      boolean outer = t.getDeclaringClass() == null;
      if (!(Modifier.isPublic(modifiers) || (!outer && Modifier.isProtected(modifiers)))) {
        return false;
      }
    }
    return true;
  }

  /** The module's name. */
  public String module() {
    return descriptor.name();
  }

  /** The API: public types of the packages exported to everyone, sorted by name. */
  public List<Class<?>> types() {
    return types;
  }

  /** Every leak of every API type, in the order of {@link #types()}. */
  public List<Leak> leaks() {
    List<Leak> leaks = new ArrayList<>();
    for (Class<?> type : types) {
      leaks.addAll(leaksOf(type));
    }
    return List.copyOf(leaks);
  }

  /** The leaks in the signature of one type (which need not be an API type). */
  public List<Leak> leaksOf(Class<?> type) {
    Scan scan = new Scan(type);
    scan.annotations("annotation on the type", type);
    for (TypeVariable<?> parameter : type.getTypeParameters()) {
      scan.bounds("type parameter " + parameter.getName(), parameter);
    }
    Type superclass = type.getGenericSuperclass();
    if (superclass != null) {
      scan.type("superclass", superclass);
    }
    for (Type superinterface : type.getGenericInterfaces()) {
      scan.type("interface", superinterface);
    }
    for (Field field : type.getDeclaredFields()) {
      if (visible(field)) {
        String where = "field " + field.getName();
        scan.type(where, field.getGenericType());
        scan.annotations("annotation on " + where, field);
        scan.annotatedType(where, field.getAnnotatedType());
      }
    }
    for (Constructor<?> constructor : type.getDeclaredConstructors()) {
      if (visible(constructor)) {
        scan.executable("constructor " + signature(constructor), constructor);
      }
    }
    for (Method method : type.getDeclaredMethods()) {
      if (visible(method) && !method.isBridge()) {
        String where = "method " + signature(method);
        scan.executable(where, method);
        scan.type(where + " returns", method.getGenericReturnType());
        scan.annotatedType(where + " returns", method.getAnnotatedReturnType());
        Object defaultValue = method.getDefaultValue();
        if (defaultValue != null) {
          scan.value("default of " + where, defaultValue);
        }
      }
    }
    return List.copyOf(scan.leaks);
  }

  private static boolean visible(Member member) {
    int modifiers = member.getModifiers();
    return !member.isSynthetic()
        && (Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers));
  }

  private static String signature(Executable executable) {
    StringBuilder text =
        new StringBuilder(
            executable instanceof Constructor<?>
                ? executable.getDeclaringClass().getSimpleName()
                : executable.getName());
    text.append('(');
    Class<?>[] parameters = executable.getParameterTypes();
    for (int i = 0; i < parameters.length; i++) {
      text.append(i == 0 ? "" : ", ").append(parameters[i].getSimpleName());
    }
    return text.append(')').toString();
  }

  /** Why a reader of the module cannot use {@code type}; empty when it can. */
  private Optional<String> whyHidden(Class<?> type) {
    if (type.isPrimitive()) {
      return Optional.empty();
    }
    String pkg = type.getPackageName();
    if (ownPackages.contains(pkg)) {
      if (exportedPackages.contains(pkg)) {
        return Optional.empty();
      }
      List<String> targets =
          descriptor.exports().stream()
              .filter(exports -> exports.source().equals(pkg))
              .flatMap(exports -> exports.targets().stream())
              .sorted()
              .toList();
      return Optional.of(
          targets.isEmpty()
              ? "package " + pkg + " is not exported"
              : "package " + pkg + " is exported only to " + String.join(", ", targets));
    }
    Optional<ModuleDescriptor> owner = modules.of(type);
    if (owner.isEmpty()) {
      return Optional.of("it is in no module (a directory of the class path)");
    }
    ModuleDescriptor module = owner.get();
    if (!module.isAutomatic()
        && module.exports().stream()
            .noneMatch(exports -> !exports.isQualified() && exports.source().equals(pkg))) {
      return Optional.of("module " + module.name() + " does not export package " + pkg);
    }
    if (!modules.readers().contains(module.name())) {
      return Optional.of(
          "module "
              + module.name()
              + " is not read by readers of "
              + descriptor.name()
              + " (not required transitively)");
    }
    return Optional.empty();
  }

  /** One type in a signature that the module's readers cannot use. */
  public record Leak(Class<?> type, String where, Class<?> leaked, String why) {

    @Override
    public String toString() {
      return type.getName() + ", " + where + ": " + leaked.getName() + " (" + why + ")";
    }
  }

  /** Walks the signature of one type, collecting leaks. */
  private final class Scan {

    private final Class<?> owner;
    private final Set<Leak> leaks = new LinkedHashSet<>();

    Scan(Class<?> owner) {
      this.owner = owner;
    }

    void executable(String where, Executable executable) {
      annotations("annotation on " + where, executable);
      for (TypeVariable<?> parameter : executable.getTypeParameters()) {
        bounds(where + ", type parameter " + parameter.getName(), parameter);
      }
      for (Type parameter : executable.getGenericParameterTypes()) {
        type(where + ", parameter", parameter);
      }
      for (Parameter parameter : executable.getParameters()) {
        annotations(where + ", annotation on parameter " + parameter.getName(), parameter);
        annotatedType(where + ", parameter " + parameter.getName(), parameter.getAnnotatedType());
      }
      for (Type thrown : executable.getGenericExceptionTypes()) {
        type(where + " throws", thrown);
      }
    }

    void bounds(String where, TypeVariable<?> variable) {
      for (Type bound : variable.getBounds()) {
        type(where + " bound", bound);
      }
      annotations("annotation on " + where, variable);
    }

    /**
     * Checks a type and every type in it. A type variable is not followed: its bounds are checked
     * where it is declared.
     */
    void type(String where, Type type) {
      if (type instanceof Class<?> raw) {
        Class<?> named = raw;
        while (named.isArray()) {
          named = named.getComponentType();
        }
        check(where, named);
      } else if (type instanceof ParameterizedType parameterized) {
        type(where, parameterized.getRawType());
        Type ownerType = parameterized.getOwnerType();
        if (ownerType != null) {
          type(where, ownerType);
        }
        for (Type argument : parameterized.getActualTypeArguments()) {
          type(where + ", type argument", argument);
        }
      } else if (type instanceof WildcardType wildcard) {
        for (Type bound : wildcard.getUpperBounds()) {
          type(where, bound);
        }
        for (Type bound : wildcard.getLowerBounds()) {
          type(where, bound);
        }
      } else if (type instanceof GenericArrayType array) {
        type(where, array.getGenericComponentType());
      }
    }

    void annotatedType(String where, AnnotatedType type) {
      for (Annotation annotation : type.getAnnotations()) {
        annotation("type annotation on " + where, annotation);
      }
    }

    void annotations(String where, AnnotatedElement element) {
      for (Annotation annotation : element.getDeclaredAnnotations()) {
        annotation(where, annotation);
      }
    }

    private void annotation(String where, Annotation annotation) {
      Class<? extends Annotation> type = annotation.annotationType();
      String at = where + " @" + type.getSimpleName();
      check(at, type);
      for (Method element : type.getDeclaredMethods()) {
        if (element.getParameterCount() == 0 && !element.isSynthetic()) {
          invoke(element, annotation)
              .ifPresent(value -> value(at + " " + element.getName(), value));
        }
      }
    }

    void value(String where, Object value) {
      if (value instanceof Class<?> type) {
        type(where, type);
      } else if (value instanceof Enum<?> constant) {
        check(where, constant.getDeclaringClass());
      } else if (value instanceof Annotation nested) {
        annotation(where, nested);
      } else if (value instanceof Object[] array) {
        for (Object element : array) {
          value(where, element);
        }
      }
    }

    /** The element's value; empty when the annotation's type cannot be read from here. */
    private Optional<Object> invoke(Method element, Annotation annotation) {
      if (!element.trySetAccessible()) {
        return Optional.empty();
      }
      try {
        return Optional.of(element.invoke(annotation));
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException(
            "cannot read " + element + " of an annotation on " + owner.getName(), e);
      }
    }

    private void check(String where, Class<?> type) {
      whyHidden(type).ifPresent(why -> leaks.add(new Leak(owner, where, type, why)));
    }
  }

  /** What is known of the modules the classes in signatures come from. */
  private static final class Modules {

    private final ModuleDescriptor root;
    private final Map<String, Optional<ModuleDescriptor>> byName = new HashMap<>();
    private final Map<Path, Optional<ModuleDescriptor>> byLocation = new HashMap<>();
    private @Nullable Map<String, ModuleDescriptor> onPaths;
    private @Nullable Set<String> read;

    Modules(ModuleDescriptor root) {
      this.root = root;
    }

    /** The module of a class: its own if it is in a named one, else that of its jar. */
    Optional<ModuleDescriptor> of(Class<?> type) {
      Module module = type.getModule();
      if (module.isNamed() && module.getDescriptor() != null) {
        return Optional.of(module.getDescriptor());
      }
      CodeSource source = type.getProtectionDomain().getCodeSource();
      if (source == null) {
        return Optional.empty();
      }
      return byLocation.computeIfAbsent(classesOf(type), Modules::at);
    }

    /** The module in a jar, or in a directory with a {@code module-info.class}. */
    private static Optional<ModuleDescriptor> at(Path location) {
      if (Files.isDirectory(location)
          && !Files.isRegularFile(location.resolve("module-info.class"))) {
        return Optional.empty();
      }
      try {
        return ModuleFinder.of(location).findAll().stream()
            .findFirst()
            .map(ModuleReference::descriptor);
      } catch (FindException e) {
        return Optional.empty();
      }
    }

    /**
     * The names of the modules that every reader of the root module reads: {@code java.base} and
     * the modules reached through {@code requires transitive} (also {@code static}: a reader reads
     * those when they are present).
     */
    Set<String> readers() {
      if (read == null) {
        Set<String> names = new TreeSet<>(Set.of("java.base", root.name()));
        Deque<ModuleDescriptor> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
          for (Requires requires : todo.pop().requires()) {
            if (requires.modifiers().contains(Requires.Modifier.TRANSITIVE)
                && names.add(requires.name())) {
              named(requires.name()).ifPresent(todo::push);
            }
          }
        }
        read = names;
      }
      return read;
    }

    private Optional<ModuleDescriptor> named(String name) {
      return byName.computeIfAbsent(name, this::find);
    }

    private Optional<ModuleDescriptor> find(String name) {
      Optional<Module> loaded = ModuleLayer.boot().findModule(name);
      if (loaded.isPresent()) {
        return Optional.ofNullable(loaded.get().getDescriptor());
      }
      Optional<ModuleReference> system = ModuleFinder.ofSystem().find(name);
      if (system.isPresent()) {
        return Optional.of(system.get().descriptor());
      }
      return Optional.ofNullable(onPaths().get(name));
    }

    /** The modules of the class path and the module path of this JVM, by name. */
    private Map<String, ModuleDescriptor> onPaths() {
      if (onPaths == null) {
        Map<String, ModuleDescriptor> modules = new HashMap<>();
        for (String property : List.of("jdk.module.path", "java.class.path")) {
          String path = System.getProperty(property, "");
          for (String entry : path.split(java.io.File.pathSeparator, -1)) {
            if (!entry.isEmpty()) {
              at(Path.of(entry)).ifPresent(found -> modules.putIfAbsent(found.name(), found));
            }
          }
        }
        onPaths = modules;
      }
      return onPaths;
    }
  }
}
