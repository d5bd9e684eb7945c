package dev.cairn.runtime.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiles result schemas (JSON Schema draft 2020-12) and checks final answers against them.
 * Compiled schemas are cached by the schema's text, so a definition's schema is compiled once per
 * replica, not per step. Nothing is ever fetched: references must stay inside the schema (checked
 * when a definition is published), and the validator's remote loading is off.
 */
public final class ResultSchemas {
  /** Largest schema a definition may carry, in characters of its JSON text. */
  public static final int MAX_SCHEMA_CHARS = 16 * 1024;

  /** Most validation errors kept for the model, the checkpoint and the failure reason. */
  static final int MAX_ERRORS = 10;

  /** Most characters of one error message kept. */
  private static final int MAX_ERROR_CHARS = 300;

  private static final int MAX_CACHED = 512;
  private static final String META_SCHEMA = "https://json-schema.org/draft/2020-12/schema";
  private static final ObjectReader STRICT_READER =
      Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final SchemaRegistry registry =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources(false)));
  private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

  /**
   * The result of checking a final answer.
   *
   * @param value the parsed answer, or null when it is not JSON
   * @param errors what is wrong, at most {@value #MAX_ERRORS} messages; empty when it conforms
   */
  public record Verdict(JsonNode value, List<String> errors) {
    /**
     * Whether the answer conforms.
     *
     * @return true when there is no error
     */
    public boolean conforms() {
      return errors.isEmpty();
    }
  }

  /**
   * Why a schema cannot be a definition's result schema, if it cannot: too large, not an object
   * schema, references outside itself, not a valid draft 2020-12 schema, or refused by the
   * validator.
   *
   * @param schema the schema
   * @return the problem, or empty when the schema is usable
   */
  public Optional<String> problem(JsonNode schema) {
    if (schema == null || !schema.isObject()) {
      return Optional.of("must be a JSON object (a JSON Schema)");
    }
    if (schema.toString().length() > MAX_SCHEMA_CHARS) {
      return Optional.of("is larger than " + MAX_SCHEMA_CHARS + " characters");
    }
    if (!"object".equals(schema.path("type").asText())) {
      return Optional.of("must describe an object: its root needs \"type\": \"object\"");
    }
    Optional<String> reference = SchemaReferences.external(schema);
    if (reference.isPresent()) {
      return reference;
    }
    try {
      List<Error> errors = registry.getSchema(SchemaLocation.of(META_SCHEMA)).validate(schema);
      if (!errors.isEmpty()) {
        return Optional.of("is not a valid JSON Schema: " + String.join("; ", messages(errors)));
      }
      compile(schema).validate(Json.object());
      return Optional.empty();
    } catch (SchemaException | IllegalArgumentException | IllegalStateException e) {
      return Optional.of("is not usable: " + bounded(String.valueOf(e.getMessage())));
    }
  }

  /**
   * Parses a final answer as JSON and validates it against the schema. A single Markdown code fence
   * around the JSON is tolerated; anything after the JSON value is not.
   *
   * @param schema the result schema, accepted by {@link #problem} when published
   * @param text the model's final answer
   * @return the verdict
   */
  public Verdict check(JsonNode schema, String text) {
    JsonNode value;
    try {
      String json = unfenced(text);
      if (json.isEmpty()) {
        return new Verdict(null, List.of("the answer is empty; a JSON value was expected"));
      }
      value = STRICT_READER.readTree(json);
    } catch (JsonProcessingException e) {
      String reason = e.getOriginalMessage();
      return new Verdict(null, List.of("the answer is not valid JSON: " + bounded(reason)));
    }
    try {
      return new Verdict(value, messages(compile(schema).validate(value)));
    } catch (RuntimeException e) {
      // A schema that passed publishing but cannot be applied must fail the run, not crash steps.
      String reason = "the result schema could not be applied: " + e.getClass().getSimpleName();
      return new Verdict(value, List.of(reason));
    }
  }

  private Schema compile(JsonNode schema) {
    String key = schema.toString();
    Schema cached = compiled.get(key);
    if (cached != null) {
      return cached;
    }
    if (compiled.size() >= MAX_CACHED) {
      // Definitions are few; a full cache means churn, and recompiling is cheap next to a model
      // call.
      compiled.clear();
    }
    return compiled.computeIfAbsent(key, k -> registry.getSchema(schema));
  }

  private static List<String> messages(List<Error> errors) {
    List<String> out = new ArrayList<>();
    for (Error error : errors) {
      if (out.size() == MAX_ERRORS) {
        out.add("(" + (errors.size() - MAX_ERRORS) + " more errors not shown)");
        break;
      }
      String at = String.valueOf(error.getInstanceLocation());
      out.add(bounded((at.isEmpty() ? "root" : at) + ": " + error.getMessage()));
    }
    return List.copyOf(out);
  }

  private static String unfenced(String text) {
    String t = text == null ? "" : text.strip();
    if (t.startsWith("```") && t.endsWith("```") && t.length() >= 6) {
      int firstLineEnd = t.indexOf('\n');
      if (firstLineEnd > 0 && firstLineEnd < t.length() - 3) {
        return t.substring(firstLineEnd + 1, t.length() - 3).strip();
      }
    }
    return t;
  }

  private static String bounded(String message) {
    return message.length() <= MAX_ERROR_CHARS
        ? message
        : message.substring(0, MAX_ERROR_CHARS) + "...";
  }
}
