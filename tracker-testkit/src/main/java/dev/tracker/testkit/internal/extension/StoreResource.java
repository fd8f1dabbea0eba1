package dev.tracker.testkit.internal.extension;

import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A value JUnit closes when its {@code ExtensionContext} closes, in reverse order of insertion: as
 * an {@link AutoCloseable} (JUnit 6's default), and also as the older {@code CloseableResource}, so
 * that it is closed even where closing {@code AutoCloseable} store values is turned off. JUnit
 * closes a value that is both once, like its own {@code @TempDir} directories.
 */
@SuppressWarnings("deprecation")
abstract class StoreResource implements AutoCloseable, ExtensionContext.Store.CloseableResource {

  @Override
  public abstract void close();
}
