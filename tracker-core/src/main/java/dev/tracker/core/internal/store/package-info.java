/**
 * The SQLite store: the engine (one HikariCP pool, one jOOQ context), schema migrations, and one
 * collaborator per table group. Internal: not part of the API.
 */
@NullMarked
package dev.tracker.core.internal.store;

import org.jspecify.annotations.NullMarked;
