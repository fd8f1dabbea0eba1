package dev.tracker.core.internal.store;

/**
 * Keeps jOOQ from printing its banner and tips through the host's logger, which a library must not
 * do. jOOQ prints them once, on the first statement it renders, so every class of this package that
 * renders a statement first, or starts one that does, calls {@link #apply()} in its static
 * initialiser. A host that sets either property itself keeps its choice.
 */
final class QuietJooq {

  static {
    if (System.getProperty("org.jooq.no-logo") == null) {
      System.setProperty("org.jooq.no-logo", "true");
    }
    if (System.getProperty("org.jooq.no-tips") == null) {
      System.setProperty("org.jooq.no-tips", "true");
    }
  }

  private QuietJooq() {}

  /** Sets the properties, once: the class's initialisation does it. */
  static void apply() {}
}
