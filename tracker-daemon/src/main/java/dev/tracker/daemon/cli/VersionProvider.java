package dev.tracker.daemon.cli;

import dev.tracker.core.Version;
import picocli.CommandLine.IVersionProvider;

/** {@code tracker --version}. */
final class VersionProvider implements IVersionProvider {

  @Override
  public String[] getVersion() {
    return new String[] {"tracker " + Version.current()};
  }
}
