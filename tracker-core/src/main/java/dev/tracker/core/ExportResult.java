package dev.tracker.core;

import java.nio.file.Path;

/**
 * What an export did.
 *
 * @param path the file written
 * @param issues the number of lines, tombstones included
 * @param changed whether the file was written; {@code false} when it already held the same bytes
 */
public record ExportResult(Path path, int issues, boolean changed) {}
