package dev.tracker.core.internal.model;

import dev.tracker.core.Comment;
import dev.tracker.core.IssueField;
import dev.tracker.core.internal.jsonl.FieldReader;
import dev.tracker.core.internal.jsonl.JsonOut;
import dev.tracker.core.internal.jsonl.KeptObject;
import dev.tracker.core.internal.jsonl.RawJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Comments: an array of {@code {"id","issue_id","author","text","created_at"}} objects, oldest
 * first; numbers unique within the issue.
 */
final class CommentsKind extends ListKind<Comment> {

  /** The keys of a comment, in the order of the format; any other key is kept as an extra. */
  static final List<String> KEYS = List.of("id", "issue_id", "author", "text", "created_at");

  private static final Set<String> KNOWN = Set.copyOf(KEYS);

  @Override
  public @Nullable List<Comment> read(FieldReader issue, String key, Default.Values line) {
    if (!issue.has(key)) {
      return null;
    }
    String id = line.get(IssueField.ID);
    Instant createdAt = line.get(IssueField.CREATED_AT);
    List<FieldReader> objects = issue.objects(key);
    List<OptionalLong> ids = new ArrayList<>(objects.size());
    Map<Long, String> seen = new HashMap<>();
    long largest = 0;
    for (FieldReader fields : objects) {
      OptionalLong commentId = fields.longValue("id");
      if (commentId.isPresent()) {
        String earlier = seen.putIfAbsent(commentId.getAsLong(), fields.path());
        if (earlier != null) {
          throw fields.error(
              fields.name("id") + " " + commentId.getAsLong() + " is already used by " + earlier);
        }
        largest = Math.max(largest, commentId.getAsLong());
      }
      ids.add(commentId);
    }
    // ids missing from the file are numbered after the largest one present, so none collides
    List<Comment> comments = new ArrayList<>(objects.size());
    for (int i = 0; i < objects.size(); i++) {
      FieldReader fields = objects.get(i);
      Lines.requireLineId(fields, id);
      comments.add(
          new Comment(
              ids.get(i).isPresent() ? ids.get(i).getAsLong() : ++largest,
              id,
              fields.string("author", ""),
              fields.requiredString("text"),
              fields.instant("created_at", createdAt),
              fields.extras(KNOWN)));
    }
    return comments;
  }

  @Override
  public List<Comment> canonical(List<Comment> value) {
    return value.stream().sorted(Comment.ORDER).toList();
  }

  @Override
  protected void writeElement(JsonOut out, Comment comment) {
    out.startObject();
    for (int key = 0; key < KEYS.size(); key++) {
      if (present(comment, key)) {
        out.name(KEYS.get(key));
        writeValue(out, comment, key);
      }
    }
    out.extras(comment.extras(), KNOWN, comment.issueId());
    out.endObject();
  }

  @Override
  protected void writeElement(JsonOut out, Comment comment, Comment before, String beforeText) {
    if (!beforeText.startsWith("{")) {
      writeElement(out, comment);
      return;
    }
    KEPT.write(out, RawJson.members(beforeText), before, comment, comment.issueId());
  }

  /** The value of the key at a position of {@link #KEYS}. */
  private static Object value(Comment comment, int key) {
    return switch (key) {
      case 0 -> comment.id();
      case 1 -> comment.issueId();
      case 2 -> comment.author();
      case 3 -> comment.text();
      default -> comment.createdAt();
    };
  }

  private static boolean present(Comment comment, int key) {
    return key != 2 || !comment.author().isEmpty();
  }

  private static void writeValue(JsonOut out, Comment comment, int key) {
    switch (key) {
      case 0 -> out.number(comment.id());
      case 1 -> out.string(comment.issueId());
      case 2 -> out.string(comment.author());
      case 3 -> out.string(comment.text());
      default -> out.instant(comment.createdAt());
    }
  }

  private static final KeptObject<Comment, Comment> KEPT =
      new KeptElement<>(
          KEYS,
          CommentsKind::value,
          CommentsKind::present,
          CommentsKind::writeValue,
          Comment::extras);

  @Override
  public JsonNode toNode(List<Comment> value) {
    throw new UnsupportedOperationException("comments are not a param");
  }

  /** Comments are told apart by content: each side numbers new ones from its own counter. */
  @Override
  public String key(Comment comment) {
    return comment.author() + "\n" + comment.createdAt() + "\n" + comment.text();
  }

  /** The remote's numbers are kept, so the remote's copies come first. */
  @Override
  protected boolean preferOurs(boolean oursIsLater) {
    return false;
  }

  /** A local comment whose number the remote already uses gets the next free number. */
  @Override
  protected List<Comment> afterMerge(List<Comment> comments) {
    Set<Long> used = new HashSet<>();
    List<Comment> numbered = new ArrayList<>();
    long next = comments.stream().mapToLong(Comment::id).max().orElse(0) + 1;
    for (Comment comment : comments) {
      if (used.add(comment.id())) {
        numbered.add(comment);
      } else {
        used.add(next);
        numbered.add(
            new Comment(
                next++,
                comment.issueId(),
                comment.author(),
                comment.text(),
                comment.createdAt(),
                comment.extras()));
      }
    }
    return numbered;
  }
}
