/**
 * The leak check: a baseline of threads, file descriptors, services and daemon connections taken
 * before a class's resources start, compared with what is left after its teardown. Internal.
 */
@NullMarked
package dev.tracker.testkit.internal.leak;

import org.jspecify.annotations.NullMarked;
