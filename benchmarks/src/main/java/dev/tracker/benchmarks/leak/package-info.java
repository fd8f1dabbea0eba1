/**
 * What the testkit's leak check costs: the attribution of threads, services and connections to the
 * test class whose code created them (a context class loader of the class's own, swapped in around
 * each invocation of its code), per invocation and per class, and the whole check per class and per
 * test through the JUnit Platform launcher, beside the same classes without it.
 */
@NullMarked
package dev.tracker.benchmarks.leak;

import org.jspecify.annotations.NullMarked;
