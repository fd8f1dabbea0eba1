/**
 * Temporary workspaces: their directories, git repository, bare remote and seed, and their
 * deletion. Internal.
 */
@NullMarked
package dev.tracker.testkit.internal.workspace;

import org.jspecify.annotations.NullMarked;
