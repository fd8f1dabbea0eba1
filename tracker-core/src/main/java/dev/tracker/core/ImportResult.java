package dev.tracker.core;

import java.nio.file.Path;

/**
 * What an import did. The workspace's own {@code issues.jsonl}, changed since the database last
 * exported or imported it, is applied as the change it is: each issue three-way against the file as
 * it was then, so that what the file changed is taken and what changed here since is kept. Any
 * other file (or the first one) is imported by time: an issue in the file replaces the stored one
 * unless the stored one changed later ({@code updated_at}); then the stored one is kept and counted
 * as skipped.
 *
 * @param path the file read
 * @param read the number of issues in the file
 * @param created issues that were new
 * @param updated issues that were replaced by the file's version, or merged with it
 * @param unchanged issues in the file that stay as they were stored
 * @param skipped issues whose stored version is newer than the file's (an import by time)
 * @param removed issues the file no longer has, removed because they had not changed here since the
 *     file last had them
 */
public record ImportResult(
    Path path, int read, int created, int updated, int unchanged, int skipped, int removed) {}
