module dev.tracker.testkit {
  requires transitive dev.tracker.core;
  requires transitive dev.tracker.daemon;
  requires transitive org.assertj.core;
  requires org.eclipse.jgit;
  requires static org.jspecify;

  exports dev.tracker.testkit;
}
