package dev.cairn.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.runtime.engine.Json;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import org.junit.jupiter.api.Test;

/** Which result schemas go to the provider as strict structured output, and how. */
class ProviderSchemaTest {
  @Test
  void shouldConvertObjectsArraysEnumsAndScalarsDroppingNarrowingKeywords() {
    var root =
        ProviderSchema.strict(
                Json.parse(
                    """
                    {"type":"object","properties":{
                      "n":{"type":"integer","minimum":1},
                      "tags":{"type":"array","items":{"type":"string","maxLength":5},"maxItems":3},
                      "kind":{"type":"string","enum":["a","b"]},
                      "ok":{"type":"boolean"},"x":{"type":"number"}},
                     "required":["n","tags","kind","ok","x"]}"""))
            .orElseThrow();

    JsonObjectSchema object = (JsonObjectSchema) root;
    assertThat(object.required()).containsExactly("n", "tags", "kind", "ok", "x");
    assertThat(object.additionalProperties()).isFalse();
    assertThat(object.properties().get("n")).isInstanceOf(JsonIntegerSchema.class);
    assertThat(object.properties().get("tags")).isInstanceOf(JsonArraySchema.class);
    assertThat(((JsonEnumSchema) object.properties().get("kind")).enumValues())
        .containsExactly("a", "b");
  }

  @Test
  void shouldGiveNothingForShapesStrictModeWouldChange() {
    assertThat(
            ProviderSchema.strict(
                Json.parse(
                    "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}},"
                        + "\"required\":[]}")))
        .as("an optional property")
        .isEmpty();
    assertThat(
            ProviderSchema.strict(
                Json.parse(
                    "{\"type\":\"object\",\"properties\":{\"a\":{\"anyOf\":[{\"type\":\"string\"}]}},"
                        + "\"required\":[\"a\"]}")))
        .as("anyOf")
        .isEmpty();
    assertThat(
            ProviderSchema.strict(
                Json.parse("{\"type\":\"object\",\"additionalProperties\":true}")))
        .as("other properties allowed")
        .isEmpty();
    assertThat(
            ProviderSchema.strict(
                Json.parse(
                    "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":[\"string\",\"null\"]}},"
                        + "\"required\":[\"a\"]}")))
        .as("a type list")
        .isEmpty();
  }
}
