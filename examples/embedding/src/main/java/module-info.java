/** Programs that use tracker the way its users do. */
module dev.tracker.examples {
  // the example returns the library's issues
  requires transitive dev.tracker.core;
  requires static org.jspecify;

  exports dev.tracker.examples;
}
