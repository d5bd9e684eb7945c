package dev.cairn.runtime.events.sse;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.runtime.testing.Auth;
import dev.cairn.runtime.testing.Names;
import java.time.Duration;
import java.util.List;

/** Agents, runs and parsing shared by the stream tests. */
final class StreamFixtures {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StreamFixtures() {}

  /**
   * Publishes an agent that calls the calculator {@code steps} times, each answer taking {@code
   * delayMs}, then answers.
   */
  static String publishStepper(String developerKey, int steps, int delayMs) {
    StringBuilder script = new StringBuilder("[");
    for (int i = 0; i < steps; i++) {
      script.append(
          """
          {"toolCalls":[{"name":"calculator","arguments":{"expression":"%d+1"}}],"delayMs":%d},"""
              .formatted(i, delayMs));
    }
    script.append("{\"text\":\"done\",\"delayMs\":%d}]".formatted(delayMs));
    String name = Names.agent();
    Auth.as(developerKey)
        .contentType("application/json")
        .body(
            """
            {"name":"%s","model":{"provider":"scripted","script":%s},"tools":["calculator"],
             "budget":{"maxSteps":100}}"""
                .formatted(name, script))
        .post("/v1/agents")
        .then()
        .statusCode(201);
    return name;
  }

  static String awaitTerminal(String key, String runId) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> Auth.as(key).get("/v1/runs/" + runId).then().extract().path("status"),
            status -> !List.of("QUEUED", "RUNNING", "WAITING").contains(status));
  }

  static JsonNode json(String data) {
    try {
      return JSON.readTree(data);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + data, e);
    }
  }

  static List<Integer> ids(List<SseClient.Message> events) {
    return events.stream().filter(m -> !m.isComment()).map(m -> Integer.valueOf(m.id())).toList();
  }

  static List<SseClient.Message> withoutComments(List<SseClient.Message> messages) {
    return messages.stream().filter(m -> !m.isComment()).toList();
  }
}
