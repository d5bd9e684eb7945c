package dev.cairn.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/**
 * Checks tool arguments against the subset of JSON schema that tool schemas use: object with
 * properties, required, additionalProperties false, and scalar/array/object types, with maxLength
 * for strings and enum for any value. Pure: no I/O.
 */
public final class ArgumentValidator {
  private ArgumentValidator() {}

  /**
   * Validates arguments.
   *
   * @param schema the tool's argument schema
   * @param arguments the model's arguments
   * @return a description of the first problem, or empty when valid
   */
  public static Optional<String> validate(JsonNode schema, JsonNode arguments) {
    return check(schema, arguments, "arguments");
  }

  private static Optional<String> check(JsonNode schema, JsonNode value, String path) {
    String type = schema.path("type").asText("");
    Optional<String> typeProblem = checkType(type, value, path);
    if (typeProblem.isPresent()) {
      return typeProblem;
    }
    if ("object".equals(type)) {
      return checkObject(schema, value, path);
    }
    if ("array".equals(type) && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        Optional<String> p = check(schema.get("items"), value.get(i), path + "[" + i + "]");
        if (p.isPresent()) {
          return p;
        }
      }
    }
    if (schema.path("enum").isArray() && !contains(schema.get("enum"), value)) {
      return Optional.of(path + " must be one of " + schema.get("enum"));
    }
    if ("string".equals(type) && schema.has("maxLength")) {
      if (value.asText().length() > schema.get("maxLength").asInt()) {
        return Optional.of(path + " is longer than " + schema.get("maxLength").asInt());
      }
    }
    return Optional.empty();
  }

  private static Optional<String> checkType(String type, JsonNode value, String path) {
    boolean ok =
        switch (type) {
          case "object" -> value.isObject();
          case "array" -> value.isArray();
          case "string" -> value.isTextual();
          case "integer" -> value.isIntegralNumber();
          case "number" -> value.isNumber();
          case "boolean" -> value.isBoolean();
          default -> true;
        };
    return ok ? Optional.empty() : Optional.of(path + " must be of type " + type);
  }

  private static Optional<String> checkObject(JsonNode schema, JsonNode value, String path) {
    JsonNode properties = schema.path("properties");
    for (JsonNode required : schema.path("required")) {
      if (!value.has(required.asText())) {
        return Optional.of(path + "." + required.asText() + " is required");
      }
    }
    for (Map.Entry<String, JsonNode> field : value.properties()) {
      JsonNode propertySchema = properties.get(field.getKey());
      if (propertySchema == null) {
        if (schema.path("additionalProperties").isBoolean()
            && !schema.get("additionalProperties").asBoolean()) {
          return Optional.of(path + "." + field.getKey() + " is not allowed");
        }
        continue;
      }
      Optional<String> p = check(propertySchema, field.getValue(), path + "." + field.getKey());
      if (p.isPresent()) {
        return p;
      }
    }
    return Optional.empty();
  }

  private static boolean contains(JsonNode allowed, JsonNode value) {
    for (JsonNode candidate : allowed) {
      if (candidate.equals(value)) {
        return true;
      }
    }
    return false;
  }
}
