/** Small, runnable programs that use tracker; each one is tested. */
@NullMarked
package dev.tracker.examples;

import org.jspecify.annotations.NullMarked;
