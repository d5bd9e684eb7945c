package dev.cairn.runtime.api.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.cairn.persistence.PersistenceException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps every exception to problem+json; nothing internal (stack, SQL, class names) leaks. */
public class ProblemMappers {
  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
  private static final String TYPE_PREFIX = "urn:cairn:problem:";

  /**
   * Cairn's own errors.
   *
   * @param e the error
   * @param uri the request URI
   * @return the response
   */
  @ServerExceptionMapper
  public Response cairn(CairnException e, UriInfo uri) {
    return problem(e, uri);
  }

  /** A Cairn error as problem+json; a 503 tells when to retry. */
  static Response problem(CairnException e, UriInfo uri) {
    Response response = respond(e.status(), e.slug(), e.title(), e.getMessage(), uri, e.errors());
    if (e.status() != 503) {
      return response;
    }
    return Response.fromResponse(response)
        .header("Retry-After", Integer.toString(DatabaseOutage.RETRY_AFTER_SECONDS))
        .build();
  }

  /**
   * Bean validation failures.
   *
   * @param e the violations
   * @param uri the request URI
   * @return the response
   */
  @ServerExceptionMapper
  public Response validation(ConstraintViolationException e, UriInfo uri) {
    List<Problem.FieldError> errors =
        e.getConstraintViolations().stream()
            .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
            .sorted(Comparator.comparing(Problem.FieldError::field))
            .limit(50)
            .toList();
    return respond(
        400, "validation", "Invalid request", "the request has invalid fields", uri, errors);
  }

  /**
   * Unreadable JSON bodies and wrong JSON types.
   *
   * @param e the parse error
   * @param uri the request URI
   * @return the response
   */
  @ServerExceptionMapper
  public Response unreadable(JsonProcessingException e, UriInfo uri) {
    if (e instanceof UnsafeTextException unsafe) {
      return unsafeText(unsafe, uri);
    }
    String detail = "the request body is not valid JSON";
    List<Problem.FieldError> errors = List.of();
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field = pathOf(mapping);
      if (mapping.getCause() instanceof JsonProcessingException malformed
          && !(malformed instanceof JsonMappingException)) {
        // The parser refused the field's text: invalid UTF-8, a bad escape in a key, a number out
        // of range, nesting too deep. The parser's message carries no internals.
        String message = TextSafety.echo(malformed.getOriginalMessage());
        errors =
            List.of(new Problem.FieldError(field, message == null ? "not valid JSON" : message));
      } else {
        detail = "the request body has a value of the wrong type";
        errors = List.of(new Problem.FieldError(field, "wrong type or format"));
      }
    }
    return respond(400, "malformed-body", "Malformed request body", detail, uri, errors);
  }

  /**
   * JSON values of the wrong type or format (more specific than the framework's own mapper).
   *
   * @param e the mismatch
   * @param uri the request URI
   * @return the response
   */
  @ServerExceptionMapper
  public Response mismatched(MismatchedInputException e, UriInfo uri) {
    return unreadable(e, uri);
  }

  /**
   * Text in a JSON body that the database cannot store or would store altered.
   *
   * @param e the refusal, with the field's path
   * @param uri the request URI
   * @return the response
   */
  @ServerExceptionMapper
  public Response unsafeText(UnsafeTextException e, UriInfo uri) {
    String field = pathOf(e);
    return cairn(CairnException.invalid(field.isEmpty() ? "body" : field, e.reason()), uri);
  }

  /**
   * A path, query, header or form parameter that cannot be converted.
   *
   * @param e the refusal
   * @param uri the request URI
   * @return the response
   */
  @ServerExceptionMapper
  public Response invalidParameter(InvalidParameterException e, UriInfo uri) {
    return cairn(CairnException.invalid(TextSafety.echo(e.parameter()), e.reason()), uri);
  }

  /**
   * JAX-RS errors: unknown paths, wrong methods, unsupported media types.
   *
   * @param e the error
   * @param uri the request URI
   * @return the response
   */
  @ServerExceptionMapper
  public Response web(WebApplicationException e, UriInfo uri) {
    int status = e.getResponse().getStatus();
    if (e.getCause() instanceof JsonProcessingException json) {
      return unreadable(json, uri);
    }
    if (e instanceof NotFoundException && e.getCause() != null) {
      // The framework's converters failed on a path or query parameter (JAX-RS says 404).
      return respond(
          400,
          "validation",
          "Invalid request",
          "a path or query parameter has the wrong format",
          uri,
          List.of());
    }
    Response.Status known = Response.Status.fromStatusCode(status);
    String title = known == null ? "Error" : known.getReasonPhrase();
    String slug = title.toLowerCase().replace(' ', '-');
    return respond(status, slug, title, title, uri, List.of());
  }

  /**
   * The database is unreachable or failed.
   *
   * @param e the error
   * @param uri the request URI
   * @return the response
   */
  @ServerExceptionMapper
  public Response persistence(PersistenceException e, UriInfo uri) {
    if (isDataException(e)) {
      return unstorable(e, uri);
    }
    if (DatabaseOutage.causedBy(e)) {
      return databaseUnavailable(uri);
    }
    LOG.warnf("database error on %s: %s", TextSafety.echo(uri.getPath()), e.getMessage());
    CairnException unavailable = CairnException.unavailable();
    return cairn(unavailable, uri);
  }

  /**
   * Anything else: logged with an id, reported without internals.
   *
   * @param e the error
   * @param uri the request URI
   * @return the response
   */
  @ServerExceptionMapper(priority = 10_000)
  public Response unexpected(Throwable e, UriInfo uri) {
    if (isDataException(e)) {
      return unstorable(e, uri);
    }
    if (DatabaseOutage.causedBy(e)) {
      return databaseUnavailable(uri);
    }
    String errorId = UUID.randomUUID().toString();
    LOG.errorf(e, "unexpected error %s on %s", errorId, TextSafety.echo(uri.getPath()));
    return respond(
        500,
        "internal",
        "Internal error",
        "an unexpected error occurred; error id " + errorId,
        uri,
        List.of());
  }

  /**
   * The answer while the database cannot be reached: 503 with Retry-After, no internals.
   *
   * @param uri the request URI
   * @return the response
   */
  static Response databaseUnavailable(UriInfo uri) {
    LOG.debugf("database unreachable on %s", uri == null ? null : TextSafety.echo(uri.getPath()));
    return problem(CairnException.databaseUnavailable(), uri);
  }

  /**
   * Whether the database refused a value (SQLSTATE class 22, data exception: a value out of range,
   * text it cannot encode, a malformed literal). Such values come from the request; what the API
   * checks first is named field by field, this is the net under it.
   */
  private static boolean isDataException(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException sql
          && sql.getSQLState() != null
          && sql.getSQLState().startsWith("22")) {
        return true;
      }
    }
    return false;
  }

  private static Response unstorable(Throwable e, UriInfo uri) {
    LOG.warnf(
        "database refused a value on %s: %s",
        uri == null ? null : TextSafety.echo(uri.getPath()),
        e.getMessage() == null ? e.getClass().getSimpleName() : TextSafety.echo(e.getMessage()));
    return respond(
        400,
        "invalid-value",
        "Invalid value",
        "the request has a value out of range or that cannot be stored",
        uri,
        List.of());
  }

  static Response respond(
      int status,
      String slug,
      String title,
      String detail,
      UriInfo uri,
      List<Problem.FieldError> errors) {
    Problem problem =
        new Problem(
            TYPE_PREFIX + slug,
            title,
            status,
            detail,
            uri == null ? null : TextSafety.clean(uri.getPath()),
            errors.isEmpty() ? null : errors);
    return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem).build();
  }

  private static String fieldOf(ConstraintViolation<?> violation) {
    String path = violation.getPropertyPath().toString();
    // Method-parameter paths look like "submit.request.input": keep what the client sent.
    String[] parts = path.split("\\.");
    if (parts.length > 2) {
      return String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length));
    }
    String parameter = parts[parts.length - 1];
    // Header parameters are named as the client sends them.
    return "idempotencyKey".equals(parameter) ? "Idempotency-Key" : parameter;
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
