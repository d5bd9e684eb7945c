package dev.cairn.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ArgumentValidatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SCHEMA =
      """
      {"type":"object","properties":{
        "name":{"type":"string","maxLength":5},
        "count":{"type":"integer"},
        "tags":{"type":"array","items":{"type":"string"}},
        "nested":{"type":"object","properties":{"ok":{"type":"boolean"}},"required":["ok"]}},
       "required":["name"],"additionalProperties":false}""";

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Test
  void shouldAcceptValidArguments() throws Exception {
    assertThat(
            ArgumentValidator.validate(
                json(SCHEMA),
                json("{\"name\":\"ab\",\"count\":3,\"tags\":[\"x\"],\"nested\":{\"ok\":true}}")))
        .isEmpty();
  }

  @Test
  void shouldNameTheFirstProblem() throws Exception {
    JsonNode schema = json(SCHEMA);
    assertThat(ArgumentValidator.validate(schema, json("{}")))
        .contains("arguments.name is required");
    assertThat(ArgumentValidator.validate(schema, json("[]")))
        .contains("arguments must be of type object");
    assertThat(ArgumentValidator.validate(schema, json("{\"name\":\"abcdef\"}")))
        .contains("arguments.name is longer than 5");
    assertThat(ArgumentValidator.validate(schema, json("{\"name\":\"a\",\"count\":1.5}")))
        .contains("arguments.count must be of type integer");
    assertThat(ArgumentValidator.validate(schema, json("{\"name\":\"a\",\"tags\":[1]}")))
        .contains("arguments.tags[0] must be of type string");
    assertThat(ArgumentValidator.validate(schema, json("{\"name\":\"a\",\"nested\":{}}")))
        .contains("arguments.nested.ok is required");
    assertThat(ArgumentValidator.validate(schema, json("{\"name\":\"a\",\"rm\":true}")))
        .contains("arguments.rm is not allowed");
  }

  @Test
  void shouldRejectAValueOutsideTheEnum() throws Exception {
    JsonNode schema =
        json(
            "{\"type\":\"object\",\"properties\":{\"unit\":{\"type\":\"string\",\"enum\":[\"KM\",\"MI\"]}}}");
    assertThat(ArgumentValidator.validate(schema, json("{\"unit\":\"MI\"}"))).isEmpty();
    assertThat(ArgumentValidator.validate(schema, json("{\"unit\":\"LY\"}")))
        .contains("arguments.unit must be one of [\"KM\",\"MI\"]");
  }
}
