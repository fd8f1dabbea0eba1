package dev.tracker.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The relative links of a repository's Markdown documents that point at nothing in it: a link or
 * image ({@code [text](path)}, {@code [name]: path}) whose file is missing or outside the
 * repository, and a code span that starts with {@code ../} and names such a path (a document that
 * says where to find something must not send the reader out of the repository either). Links with a
 * scheme ({@code https:}, {@code mailto:}) and anchors within the document are not checked.
 *
 * <pre>{@code
 * assertThat(DocLinks.broken(repository, repository.resolve("README.md"))).isEmpty();
 * }</pre>
 */
public final class DocLinks {

  private static final Pattern FENCE =
      Pattern.compile("^ {0,3}(```|~~~).*?^ {0,3}\\1[^\\n]*$", Pattern.MULTILINE | Pattern.DOTALL);
  // a code span may go on over a line break, not over a blank line
  private static final Pattern CODE_SPAN =
      Pattern.compile("(`+)(?!`)((?:(?!\\n[ \\t]*\\n).)+?)(?<!`)\\1(?!`)", Pattern.DOTALL);
  private static final Pattern INLINE =
      Pattern.compile("!?\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
  private static final Pattern REFERENCE =
      Pattern.compile("^ {0,3}\\[[^\\]]+\\]:[ \\t]*<?([^\\s>]+)>?", Pattern.MULTILINE);
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

  private DocLinks() {}

  /** {@code README.md} and every {@code .md} file under {@code docs/}, sorted. */
  public static List<Path> documents(Path repository) {
    List<Path> documents = new ArrayList<>();
    Path readme = repository.resolve("README.md");
    if (Files.isRegularFile(readme)) {
      documents.add(readme);
    }
    Path docs = repository.resolve("docs");
    if (Files.isDirectory(docs)) {
      try (Stream<Path> files = Files.walk(docs)) {
        files.filter(file -> file.toString().endsWith(".md")).sorted().forEach(documents::add);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + docs, e);
      }
    }
    return List.copyOf(documents);
  }

  /**
   * What is wrong with the links of one document, one line each: {@code docs/A.md:12: B.md does not
   * exist (docs/B.md)}; empty when nothing is.
   */
  public static List<String> broken(Path repository, Path document) {
    Path root = repository.toAbsolutePath().normalize();
    Path file = document.toAbsolutePath().normalize();
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    // code is blanked out, keeping every offset, so that a link's line can be told
    char[] prose = text.toCharArray();
    Matcher fence = FENCE.matcher(text);
    while (fence.find()) {
      blank(prose, fence.start(), fence.end());
    }
    List<Target> targets = new ArrayList<>();
    Matcher code = CODE_SPAN.matcher(new String(prose));
    while (code.find()) {
      String span = code.group(2).strip();
      if (span.startsWith("../")) {
        targets.add(new Target(code.start(), span));
      }
      blank(prose, code.start(), code.end());
    }
    String links = new String(prose);
    Matcher inline = INLINE.matcher(links);
    while (inline.find()) {
      targets.add(new Target(inline.start(), inline.group(1)));
    }
    Matcher reference = REFERENCE.matcher(links);
    while (reference.find()) {
      targets.add(new Target(reference.start(), reference.group(1)));
    }
    targets.sort(Comparator.comparingInt(Target::offset));
    List<String> broken = new ArrayList<>();
    for (Target target : targets) {
      String problem = problem(root, file, target.path());
      if (!problem.isEmpty()) {
        long line = text.substring(0, target.offset()).chars().filter(c -> c == '\n').count() + 1;
        broken.add(root.relativize(file) + ":" + line + ": " + target.path() + " " + problem);
      }
    }
    return List.copyOf(broken);
  }

  private static void blank(char[] text, int start, int end) {
    for (int i = start; i < end; i++) {
      if (text[i] != '\n') {
        text[i] = ' ';
      }
    }
  }

  private record Target(int offset, String path) {}

  /** Why a target points at nothing in the repository; empty when it points at something. */
  private static String problem(Path root, Path document, String target) {
    if (SCHEME.matcher(target).find() || target.startsWith("#")) {
      return "";
    }
    String path = target.replaceFirst("[#?].*$", "");
    if (path.isEmpty()) {
      return "";
    }
    path = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
    Path parent = document.getParent();
    Path resolved =
        (path.startsWith("/") || parent == null
                ? root.resolve(path.substring(path.startsWith("/") ? 1 : 0))
                : parent.resolve(path))
            .normalize();
    if (!resolved.startsWith(root)) {
      return "points outside the repository";
    }
    if (!Files.exists(resolved)) {
      return "does not exist (" + root.relativize(resolved) + ")";
    }
    return "";
  }
}
