package dev.tracker.core.internal.model;

import dev.tracker.core.internal.jsonl.FieldReader;
import dev.tracker.core.internal.jsonl.JsonOut;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** Labels: an array of strings, kept sorted and without repeats. */
final class LabelsKind extends ListKind<String> {

  @Override
  public @Nullable List<String> read(FieldReader fields, String key, Default.Values line) {
    return fields.has(key) ? fields.strings(key) : null;
  }

  @Override
  public List<String> canonical(List<String> value) {
    return value.stream().distinct().sorted().toList();
  }

  @Override
  protected void writeElement(JsonOut out, String label) {
    out.string(label);
  }

  @Override
  public JsonNode toNode(List<String> value) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    value.forEach(array::add);
    return array;
  }

  @Override
  public String key(String label) {
    return label;
  }
}
