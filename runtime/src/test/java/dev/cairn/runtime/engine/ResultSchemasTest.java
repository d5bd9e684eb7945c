package dev.cairn.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which result schemas a definition may carry. */
class ResultSchemasTest {
  private final ResultSchemas schemas = new ResultSchemas();

  @Test
  void shouldAcceptAnObjectSchema() {
    assertThat(
            schemas.problem(
                Json.parse(
                    """
                    {"type":"object","properties":{"tags":{"type":"array","items":{"$ref":"#/$defs/tag"}}},
                     "$defs":{"tag":{"type":"string","maxLength":20}}}""")))
        .isEmpty();
  }

  @Test
  void shouldRefuseARootThatIsNotAnObjectSchema() {
    assertThat(schemas.problem(Json.parse("{\"type\":\"string\"}")))
        .hasValueSatisfying(p -> assertThat(p).contains("\"type\": \"object\""));
    assertThat(schemas.problem(Json.parse("[1]"))).isPresent();
  }

  @Test
  void shouldRefuseASchemaTheMetaSchemaRejects() {
    assertThat(
            schemas.problem(
                Json.parse("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":5}}}")))
        .hasValueSatisfying(p -> assertThat(p).startsWith("is not a valid JSON Schema"));
    assertThat(schemas.problem(Json.parse("{\"type\":\"object\",\"required\":\"a\"}"))).isPresent();
  }

  @Test
  void shouldRefuseAPatternThatIsNotARegularExpression() {
    assertThat(
            schemas.problem(
                Json.parse(
                    "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\",\"pattern\":\"(\"}}}")))
        .isPresent();
  }

  @Test
  void shouldRefuseReferencesOutsideTheSchema() {
    assertThat(
            schemas.problem(
                Json.parse(
                    "{\"type\":\"object\",\"properties\":{\"a\":{\"$ref\":\"http://127.0.0.1:1/s\"}}}")))
        .hasValueSatisfying(p -> assertThat(p).contains("/properties/a/$ref"));
    assertThat(schemas.problem(Json.parse("{\"type\":\"object\",\"$id\":\"urn:x\"}"))).isPresent();
    assertThat(
            schemas.problem(
                Json.parse(
                    "{\"type\":\"object\",\"$schema\":\"http://json-schema.org/draft-04/schema#\"}")))
        .isPresent();
  }

  @Test
  void shouldAcceptAPropertyThatIsCalledLikeAKeyword() {
    assertThat(
            schemas.problem(
                Json.parse(
                    "{\"type\":\"object\",\"properties\":{\"$ref\":{\"type\":\"string\"}}}")))
        .isEmpty();
  }

  @Test
  void shouldRefuseASchemaLargerThanTheLimit() {
    String big = "x".repeat(ResultSchemas.MAX_SCHEMA_CHARS);
    assertThat(schemas.problem(Json.parse("{\"type\":\"object\",\"description\":\"" + big + "\"}")))
        .hasValueSatisfying(p -> assertThat(p).contains("larger than"));
  }

  @Test
  void shouldBoundTheErrorsOfOneAnswer() {
    StringBuilder properties = new StringBuilder();
    StringBuilder answer = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      properties
          .append(i == 0 ? "" : ",")
          .append("\"p")
          .append(i)
          .append("\":{\"type\":\"integer\"}");
      answer.append(i == 0 ? "" : ",").append("\"p").append(i).append("\":\"no\"");
    }
    ResultSchemas.Verdict verdict =
        schemas.check(
            Json.parse("{\"type\":\"object\",\"properties\":{" + properties + "}}"),
            "{" + answer + "}");
    assertThat(verdict.errors()).hasSize(ResultSchemas.MAX_ERRORS + 1);
    assertThat(verdict.errors().getLast()).contains("20 more errors not shown");
  }
}
