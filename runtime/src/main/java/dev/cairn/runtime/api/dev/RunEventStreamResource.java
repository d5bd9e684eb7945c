package dev.cairn.runtime.api.dev;

import dev.cairn.runtime.api.problem.CairnException;
import dev.cairn.runtime.events.sse.EventStreamService;
import dev.cairn.runtime.security.CurrentCaller;
import dev.cairn.runtime.security.Role;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.vertx.core.http.HttpServerResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A run's events as Server-Sent Events. See docs/events-sse.md. */
@Path("/v1/runs")
@Tag(name = "Runs", description = "Durable agent runs")
public class RunEventStreamResource {
  private final EventStreamService streams;
  private final CurrentCaller caller;

  /**
   * Creates the resource.
   *
   * @param streams opens streams
   * @param caller the caller
   */
  public RunEventStreamResource(EventStreamService streams, CurrentCaller caller) {
    this.streams = streams;
    this.caller = caller;
  }

  /**
   * Streams a run's events.
   *
   * @param id run id
   * @param lastEventId the last seq received, sent by a reconnecting client
   * @param after the same for clients that cannot set headers
   * @param timeout end the stream after this many seconds
   * @param sse builds events
   * @param response the HTTP response, hung up on when the client stalls
   * @return the events
   */
  @GET
  @Path("/{id}/events")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @Blocking
  @RolesAllowed({Role.DEVELOPER_NAME, Role.OPERATOR_NAME, Role.AUDITOR_NAME})
  @Operation(
      summary = "Stream a run's events (SSE)",
      description =
          "text/event-stream of the run's CloudEvents from the first (or after Last-Event-ID /"
              + " 'after', a seq): id is the event's seq, event its CloudEvents type, data the"
              + " CloudEvent on one line. Ends once the run is terminal and all its events are"
              + " sent. Keep-alive comments while idle.")
  @APIResponse(
      responseCode = "200",
      description = "The stream",
      content =
          @Content(
              mediaType = MediaType.SERVER_SENT_EVENTS,
              schema = @Schema(type = SchemaType.STRING)))
  public Multi<OutboundSseEvent> events(
      @PathParam("id") String id,
      @Parameter(description = "Resume after this seq") @HeaderParam(StreamParams.LAST_EVENT_ID)
          String lastEventId,
      @Parameter(description = "Resume after this seq (when the header cannot be set)")
          @QueryParam("after")
          String after,
      @Parameter(description = "End the stream after this many seconds")
          @QueryParam("timeout")
          @Min(1)
          @Max(86_400)
          Integer timeout,
      @Context Sse sse,
      @Context HttpServerResponse response) {
    UUID runId = parseId(id);
    return StreamParams.streaming(
        response,
        streams.runEvents(
            caller.get().tenantId(),
            runId,
            StreamParams.resumeFrom(lastEventId, after),
            StreamParams.connection(sse, timeout, response)));
  }

  private static UUID parseId(String id) {
    try {
      if (id.length() != 36) {
        throw new IllegalArgumentException();
      }
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw CairnException.invalid("id", "not a run id (UUID)");
    }
  }
}
