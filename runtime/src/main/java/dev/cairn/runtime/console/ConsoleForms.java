package dev.cairn.runtime.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.runtime.api.audit.ForkRequestBody;
import dev.cairn.runtime.api.dev.AgentRequest;
import dev.cairn.runtime.api.dev.Commands;
import dev.cairn.runtime.api.problem.CairnException;
import dev.cairn.runtime.api.problem.TextSafety;
import dev.cairn.runtime.audit.fork.ForkRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Console form values turned into the API's request types and checked by the same rules: whole
 * numbers within bounds, and the fork request validated as the REST body is (Bean Validation on
 * {@link ForkRequestBody}, its model read by the API's JSON mapper).
 */
final class ConsoleForms {
  /** Longest model JSON accepted from the form. */
  static final int MAX_MODEL_JSON = 100_000;

  private ConsoleForms() {}

  /**
   * An optional whole number within bounds.
   *
   * @param name the field
   * @param value the text, or null/blank for none
   * @param min least value
   * @param max greatest value
   * @return the number, or null when blank
   * @throws ConsoleException 400 when not a whole number within the bounds
   */
  static Integer integer(String name, String value, int min, int max) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String text = value.strip();
    long parsed;
    try {
      if (text.length() > 11) {
        throw new NumberFormatException();
      }
      parsed = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw ConsoleException.of(CairnException.invalid(name, "not a whole number"));
    }
    if (parsed < min || parsed > max) {
      throw ConsoleException.of(
          CairnException.invalid(name, "must be between " + min + " and " + max));
    }
    return (int) parsed;
  }

  /**
   * The fork request of the console's form, validated like {@code POST /v1/runs/{id}/fork}'s body.
   *
   * @param validator Bean Validation
   * @param mapper the API's JSON mapper (refuses unsafe text as the API does)
   * @param atSeq the seq (required)
   * @param agentVersion another version, or blank
   * @param model the model as the API's JSON object, or blank
   * @param editedIndex the index of a replaced message, or blank
   * @param editedContent its new text, or blank when no message is replaced
   * @return the service's request
   * @throws ConsoleException 400 with the API's problem details
   */
  static ForkRequest fork(
      Validator validator,
      ObjectMapper mapper,
      String atSeq,
      String agentVersion,
      String model,
      String editedIndex,
      String editedContent) {
    Integer seq = wholeOrInvalid("atSeq", atSeq);
    Integer version = wholeOrInvalid("agentVersion", agentVersion);
    AgentRequest.Model parsedModel = null;
    if (model != null && !model.isBlank()) {
      if (model.length() > MAX_MODEL_JSON) {
        throw ConsoleException.of(CairnException.invalid("model", "longer than " + MAX_MODEL_JSON));
      }
      try {
        parsedModel = mapper.readValue(model, AgentRequest.Model.class);
      } catch (JsonProcessingException e) {
        throw new ConsoleException(
            400,
            "malformed-body",
            "Malformed request body",
            "model: not a JSON model object as POST /v1/agents takes it (provider, name, ...)");
      }
      if (parsedModel == null) {
        throw ConsoleException.of(CairnException.invalid("model", "not a JSON object"));
      }
    }
    ForkRequestBody.EditedMessage edited = null;
    boolean hasIndex = editedIndex != null && !editedIndex.isBlank();
    boolean hasContent = editedContent != null && !editedContent.isEmpty();
    if (hasIndex || hasContent) {
      if (hasContent) {
        String problem = TextSafety.problem(editedContent);
        if (problem != null) {
          throw ConsoleException.of(CairnException.invalid("editedMessage.content", problem));
        }
      }
      edited =
          new ForkRequestBody.EditedMessage(
              wholeOrInvalid("editedMessage.index", editedIndex),
              hasContent ? editedContent : null);
    }
    ForkRequestBody body = new ForkRequestBody(seq, version, parsedModel, edited);
    Set<ConstraintViolation<ForkRequestBody>> violations = validator.validate(body);
    if (!violations.isEmpty()) {
      String detail =
          violations.stream()
              .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
              .limit(10)
              .map(v -> v.getPropertyPath() + ": " + v.getMessage())
              .collect(Collectors.joining("; "));
      throw new ConsoleException(400, "validation", "Invalid request", detail);
    }
    return new ForkRequest(
        body.atSeq(),
        body.agentVersion(),
        Commands.model(body.model()),
        edited == null ? null : new ForkRequest.EditedMessage(edited.index(), edited.content()));
  }

  /** A whole number, or null when blank; bounds are left to Bean Validation. */
  private static Integer wholeOrInvalid(String name, String value) {
    return integer(name, value, Integer.MIN_VALUE, Integer.MAX_VALUE);
  }
}
