package dev.tracker.core;

import java.nio.file.Path;

/**
 * A line of an {@code issues.jsonl} file is malformed. The message starts with {@code
 * <file>:<line>:}; the import that met it changed nothing.
 */
public class JsonlFormatException extends ValidationException {

  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final int line;

  /**
   * Creates the exception.
   *
   * @param file the file read
   * @param line the 1-based line number
   * @param problem what is wrong with the line
   */
  public JsonlFormatException(Path file, int line, String problem) {
    super(file.getFileName() + ":" + line + ": " + problem + " (in " + file + ")");
    this.file = file;
    this.line = line;
  }

  /** The file that was read. */
  public Path file() {
    return file;
  }

  /** The 1-based number of the malformed line. */
  public int line() {
    return line;
  }
}
