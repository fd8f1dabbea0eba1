/**
 * The JUnit Jupiter extensions behind the testkit's annotations, and the resources they keep in
 * JUnit's {@code ExtensionContext.Store}. Internal.
 */
@NullMarked
package dev.tracker.testkit.internal.extension;

import org.jspecify.annotations.NullMarked;
