package dev.cairn.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds what would make a result schema reach outside itself: references that are not local JSON
 * pointers, identifiers that move the base URI, and dialects other than draft 2020-12. A result
 * schema must be checkable without loading anything.
 */
final class SchemaReferences {
  private static final Set<String> REFERENCES = Set.of("$ref", "$dynamicRef", "$recursiveRef");
  private static final Set<String> DIALECTS =
      Set.of(
          "https://json-schema.org/draft/2020-12/schema",
          "https://json-schema.org/draft/2020-12/schema#");

  private SchemaReferences() {}

  /**
   * The first keyword that reaches outside the schema, described, if any.
   *
   * @param schema the schema
   * @return the problem, or empty
   */
  static Optional<String> external(JsonNode schema) {
    return find(schema, "");
  }

  private static Optional<String> find(JsonNode node, String path) {
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        Optional<String> found = find(node.get(i), path + "/" + i);
        if (found.isPresent()) {
          return found;
        }
      }
      return Optional.empty();
    }
    if (!node.isObject()) {
      return Optional.empty();
    }
    Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = field.getKey();
      JsonNode value = field.getValue();
      String at = path + "/" + key;
      // Keywords are strings; an object under such a name is a property called so.
      boolean keyword = value.isTextual();
      if (keyword && REFERENCES.contains(key) && !value.asText().startsWith("#")) {
        return Optional.of("may only reference its own parts ('#/...'): " + at);
      }
      if (keyword && "$id".equals(key)) {
        return Optional.of("may not set $id (the schema is checked on its own): " + at);
      }
      if (keyword && "$schema".equals(key) && !DIALECTS.contains(value.asText())) {
        return Optional.of("must be JSON Schema draft 2020-12: " + at);
      }
      Optional<String> found = find(value, at);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }
}
