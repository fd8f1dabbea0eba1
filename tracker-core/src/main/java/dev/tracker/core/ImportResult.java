package dev.tracker.core;

import java.nio.file.Path;

/**
 * What an import did. An issue in the file replaces the stored one unless the stored one changed
 * later ({@code updated_at}): then the stored one is kept and counted as skipped.
 *
 * @param path the file read
 * @param read the number of issues in the file
 * @param created issues that were new
 * @param updated issues that were replaced by the file's version
 * @param unchanged issues already stored exactly as in the file
 * @param skipped issues whose stored version is newer than the file's
 */
public record ImportResult(
    Path path, int read, int created, int updated, int unchanged, int skipped) {}
