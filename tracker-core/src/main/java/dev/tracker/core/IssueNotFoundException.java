package dev.tracker.core;

/** No issue has the given id. */
public class IssueNotFoundException extends TrackerException {

  private static final long serialVersionUID = 1L;

  private final String issueId;

  /** Creates the exception for the id that was not found. */
  public IssueNotFoundException(String issueId) {
    super("No issue with id '" + issueId + "'");
    this.issueId = issueId;
  }

  /** The id that was asked for. */
  public String issueId() {
    return issueId;
  }
}
