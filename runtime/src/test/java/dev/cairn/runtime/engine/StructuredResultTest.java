package dev.cairn.runtime.engine;

import static dev.cairn.runtime.engine.RunBuilder.aRun;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Final answers of runs whose definition gives a result schema. */
class StructuredResultTest {
  private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
  private static final JsonNode SCHEMA =
      Json.parse(
          """
          {"type":"object","properties":{"city":{"type":"string"},
           "population":{"type":"integer","minimum":0}},
           "required":["city","population"],"additionalProperties":false}""");
  private static final Decision.CallModel CALL =
      new Decision.CallModel(100, Reservation.NONE, Reservation.NONE, false);

  private final StepApplier applier =
      new StepApplier(new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(30)));

  private static RunSnapshot run(int maxRetries) {
    return aRun().result(new AgentSpec.ResultSpec(SCHEMA, maxRetries)).build();
  }

  private StepResult answer(RunSnapshot run, String text) {
    return applier.apply(run, CALL, new StepOutcome.ModelAnswer(text, List.of(), 10, 5), NOW);
  }

  @Test
  void shouldCompleteWithTheParsedJsonWhenTheAnswerMatches() {
    StepResult r = answer(run(2), "{\"city\":\"Lyon\",\"population\":522000}");

    assertThat(r.next().status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(r.result()).isEqualTo(Json.parse("{\"city\":\"Lyon\",\"population\":522000}"));
    assertThat(r.kind()).isEqualTo("MODEL_CALL");
  }

  @Test
  void shouldAcceptJsonInsideOneCodeFence() {
    StepResult r = answer(run(2), "```json\n{\"city\":\"Lyon\",\"population\":1}\n```");

    assertThat(r.next().status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(r.result().get("city").asText()).isEqualTo("Lyon");
  }

  @Test
  void shouldTellTheModelWhatWasWrongAndGoOnWhenTheAnswerDoesNotMatch() {
    StepResult r = answer(run(2), "{\"city\":\"Lyon\",\"population\":-3}");

    assertThat(r.next().status()).isEqualTo(RunStatus.RUNNING);
    assertThat(r.event()).isEqualTo(RunEvent.STEP);
    assertThat(r.result()).isNull();
    assertThat(r.newMessages())
        .extracting(Message::role)
        .containsExactly(Message.Role.ASSISTANT, Message.Role.USER);
    Message feedback = r.newMessages().get(1);
    assertThat(feedback.content()).startsWith(ResultFeedback.PREFIX).contains("population");
    assertThat(feedback.idx()).isEqualTo(r.newMessages().get(0).idx() + 1);
    assertThat(r.outcome().path("resultCheck").path("attempt").asInt()).isEqualTo(1);
    assertThat(r.outcome().path("resultCheck").path("errors").get(0).asText())
        .isEqualTo("/population: must have a minimum value of 0");
    assertThat(r.next().usage().modelCalls()).isEqualTo(1);
  }

  @Test
  void shouldRejectAnAnswerThatIsNotJson() {
    StepResult r = answer(run(2), "The city is Lyon.");

    assertThat(r.next().status()).isEqualTo(RunStatus.RUNNING);
    assertThat(r.outcome().path("resultCheck").path("errors").get(0).asText())
        .startsWith("the answer is not valid JSON");
  }

  @Test
  void shouldNameTheRootWhenAPropertyIsMissing() {
    StepResult r = answer(run(2), "{\"city\":\"Lyon\"}");

    assertThat(r.outcome().path("resultCheck").path("errors").get(0).asText())
        .isEqualTo("root: required property 'population' not found");
  }

  @Test
  void shouldLeaveResultOutOfTheJsonOfASpecWithoutIt() {
    assertThat(Json.write(aRun().build().spec())).doesNotContain("result");
  }

  @Test
  void shouldRejectJsonFollowedByProse() {
    StepResult r = answer(run(2), "{\"city\":\"Lyon\",\"population\":1} and that is all");

    assertThat(r.next().status()).isEqualTo(RunStatus.RUNNING);
  }

  @Test
  void shouldFailWithTheErrorsAfterMaxRetries() {
    RunSnapshot current = run(2);
    StepResult r = null;
    for (int attempt = 1; attempt <= 3; attempt++) {
      r = answer(current, "{\"city\":7}");
      current = r.next();
      assertThat(r.outcome().path("resultCheck").path("attempt").asInt()).isEqualTo(attempt);
    }

    assertThat(current.status()).isEqualTo(RunStatus.FAILED);
    assertThat(r.event()).isEqualTo(RunEvent.FAIL);
    assertThat(r.error().path("message").asText())
        .startsWith("result did not match the schema after 3 attempts: ")
        .contains("city");
    assertThat(r.newMessages()).extracting(Message::role).containsExactly(Message.Role.ASSISTANT);
    assertThat(current.usage().modelCalls()).isEqualTo(3);
  }

  @Test
  void shouldFailAtTheFirstBadAnswerWhenNoRetryIsAllowed() {
    StepResult r = answer(run(0), "{}");

    assertThat(r.next().status()).isEqualTo(RunStatus.FAILED);
    assertThat(r.error().path("message").asText())
        .startsWith("result did not match the schema after 1 attempts: ");
  }

  @Test
  void shouldCountOnlyRejectedAnswersInARowSoAToolTurnStartsAfresh() {
    RunSnapshot rejected = answer(run(1), "nope").next();
    assertThat(ResultFeedback.rejectedInARow(rejected)).isEqualTo(1);

    ToolCallRequest call = new ToolCallRequest("c1", "calculator", "{\"expression\":\"1\"}");
    RunSnapshot toolTurn =
        applier
            .apply(rejected, CALL, new StepOutcome.ModelAnswer(null, List.of(call), 1, 1), NOW)
            .next();
    assertThat(ResultFeedback.rejectedInARow(toolTurn)).isZero();
  }

  @Test
  void shouldNotCountTheRunInputAsFeedbackEvenWhenItLooksLikeIt() {
    RunSnapshot run = run(2);
    RunSnapshot forged =
        run.copy()
            .conversation(
                List.of(
                    new Message(0, 0, Message.Role.ASSISTANT, "x", List.of(), null, null),
                    new Message(
                        1, 0, Message.Role.USER, ResultFeedback.PREFIX, List.of(), null, null)),
                null)
            .build();
    assertThat(ResultFeedback.rejectedInARow(forged)).isZero();
  }

  @Test
  void shouldKeepFreeTextResultsForDefinitionsWithoutSchema() {
    StepResult r =
        applier.apply(
            aRun().build(), CALL, new StepOutcome.ModelAnswer("hi", List.of(), 1, 1), NOW);

    assertThat(r.result()).isEqualTo(Json.object().put("text", "hi"));
  }
}
