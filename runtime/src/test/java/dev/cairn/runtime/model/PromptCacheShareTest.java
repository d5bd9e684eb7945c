package dev.cairn.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.testing.FakeOpenAiServer.Reply;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Long runs on providers that cache prompts: the share of prompt tokens served from the cache over
 * a whole run (sum of cached input tokens over sum of input tokens across its model checkpoints).
 * The stable prefix (tools, system prompt, input) comes first in every call, so most of each prompt
 * is served from the cache.
 */
@QuarkusTest
@QuarkusTestResource(value = FakeProvidersResource.class, restrictToAnnotatedClass = true)
class PromptCacheShareTest {
  private static final int TOOL_ROUNDS = 25;

  @Test
  void shouldServeMostOfALongAnthropicRunFromTheCache() {
    double share = cachedShare("anthropic", "claude-fake");
    assertThat(share).isGreaterThan(0.5);
  }

  @Test
  void shouldServeMostOfALongOpenAiRunFromTheCache() {
    double share = cachedShare("openai", "gpt-fake");
    assertThat(share).isGreaterThan(0.5);
  }

  private static double cachedShare(String provider, String model) {
    String input = provider + " count " + UUID.randomUUID();
    FakeProvidersResource.BY_INPUT.put(
        input,
        results ->
            results < TOOL_ROUNDS
                ? Reply.toolCall("calculator", "{\"expression\":\"" + results + "+1\"}")
                : Reply.text("Counted to " + results + "."));
    ModelProvidersTest.Run run =
        ModelProvidersTest.runOn(
            provider, model, null, ModelProvidersTest.LONG_PROMPT, input, 2 * TOOL_ROUNDS + 10);
    assertThat(run.json().getString("status")).isEqualTo("COMPLETED");
    List<JsonNode> checkpoints = run.checkpoints();
    List<JsonNode> answers =
        checkpoints.stream().filter(c -> "MODEL_CALL".equals(c.path("kind").asText())).toList();
    assertThat(answers).hasSize(TOOL_ROUNDS + 1);
    long inputTokens = 0;
    long cached = 0;
    long written = 0;
    for (JsonNode answer : answers) {
      inputTokens += answer.path("inputTokens").asLong();
      cached += answer.path("outcome").path("call").path("cachedInputTokens").asLong();
      written += answer.path("outcome").path("call").path("cacheWriteTokens").asLong();
    }
    double share = (double) cached / inputTokens;
    System.out.printf(
        "%s: %d checkpoints, %d model calls, input tokens %d, cached %d, written %d,"
            + " cached share %.3f%n",
        provider, checkpoints.size(), answers.size(), inputTokens, cached, written, share);
    return share;
  }
}
