/** Programs that use tracker the way its users do. */
module dev.tracker.examples {
  requires dev.tracker.core;
  requires static org.jspecify;

  exports dev.tracker.examples;
}
