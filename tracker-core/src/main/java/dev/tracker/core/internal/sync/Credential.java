package dev.tracker.core.internal.sync;

/**
 * A user and password for an HTTP remote, and where they came from. {@link #toString()} never shows
 * the password, so a credential can appear in a log or a message by accident without harm.
 */
record Credential(String username, String password, Source source) {

  /** Where a credential came from, as messages name it. */
  enum Source {
    /** {@code TRACKER_GIT_TOKEN}, with {@code TRACKER_GIT_USERNAME} or the default user. */
    ENVIRONMENT("TRACKER_GIT_TOKEN"),
    /** The user and password written in the remote's URL. */
    URL("the remote's URL"),
    /** {@code git credential fill}. */
    HELPER("git's credential helpers");

    private final String description;

    Source(String description) {
      this.description = description;
    }

    /** How a message names the source. */
    String description() {
      return description;
    }
  }

  @Override
  public String toString() {
    return "Credential[username=" + username + ", password=***, source=" + source + "]";
  }
}
