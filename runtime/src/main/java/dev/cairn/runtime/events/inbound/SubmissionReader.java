package dev.cairn.runtime.events.inbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.runtime.agents.SubmitRun;
import dev.cairn.runtime.api.dev.Commands;
import dev.cairn.runtime.api.dev.RunRequest;
import dev.cairn.runtime.api.problem.TextSafety;
import dev.cairn.runtime.api.problem.UnsafeTextException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a message body exactly as {@code POST /v1/runs} reads its request body: the same record
 * ({@link RunRequest}), the same JSON mapper (with the text-safety checks), the same bean
 * validation, the same mapping to {@link SubmitRun}. So a body the API accepts is accepted here,
 * and one it refuses is refused with the same field and message.
 */
@ApplicationScoped
public class SubmissionReader {
  private static final int MAX_FIELD_ERRORS = 10;

  private final ObjectMapper mapper;
  private final Validator validator;

  /**
   * Creates the reader.
   *
   * @param mapper the application's JSON mapper (the one that reads REST bodies)
   * @param validator bean validation
   */
  public SubmissionReader(ObjectMapper mapper, Validator validator) {
    this.mapper = mapper;
    this.validator = validator;
  }

  /**
   * Reads and validates a body.
   *
   * @param body the message body
   * @param idempotencyKey the message id
   * @return the command to submit
   * @throws RejectedException when the body is not a valid submission
   */
  public SubmitRun read(byte[] body, String idempotencyKey) {
    RunRequest request;
    try {
      request = mapper.readValue(body, RunRequest.class);
    } catch (UnsafeTextException e) {
      String field = pathOf(e);
      throw new RejectedException(
          Rejection.invalid((field.isEmpty() ? "body" : field) + ": " + e.reason()));
    } catch (JsonProcessingException e) {
      throw new RejectedException(Rejection.malformed(describe(e)));
    } catch (IOException e) {
      throw new RejectedException(Rejection.malformed("the message body cannot be read"));
    }
    if (request == null) {
      throw new RejectedException(Rejection.invalid("body: must not be null"));
    }
    Set<ConstraintViolation<RunRequest>> violations = validator.validate(request);
    if (!violations.isEmpty()) {
      throw new RejectedException(
          Rejection.invalid(
              violations.stream()
                  .map(v -> v.getPropertyPath() + ": " + v.getMessage())
                  .sorted(Comparator.naturalOrder())
                  .limit(MAX_FIELD_ERRORS)
                  .collect(Collectors.joining("; "))));
    }
    return Commands.submitRun(request, idempotencyKey);
  }

  /** What the REST API's problem document would say about a body Jackson refused. */
  private static String describe(JsonProcessingException e) {
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field = pathOf(mapping);
      if (mapping.getCause() instanceof JsonProcessingException malformed
          && !(malformed instanceof JsonMappingException)) {
        String message = TextSafety.echo(malformed.getOriginalMessage());
        return field + ": " + (message == null ? "not valid JSON" : message);
      }
      return "the message body has a value of the wrong type: " + field;
    }
    return "the message body is not valid JSON";
  }

  private static String pathOf(JsonMappingException e) {
    StringBuilder field = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (!field.isEmpty()) {
          field.append('.');
        }
        field.append(TextSafety.echo(ref.getFieldName()));
      } else if (ref.getIndex() >= 0) {
        field.append('[').append(ref.getIndex()).append(']');
      }
    }
    return field.toString();
  }
}
