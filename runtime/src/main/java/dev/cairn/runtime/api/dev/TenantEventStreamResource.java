package dev.cairn.runtime.api.dev;

import dev.cairn.runtime.api.problem.CairnException;
import dev.cairn.runtime.events.sse.EventFilter;
import dev.cairn.runtime.events.sse.EventStreamService;
import dev.cairn.runtime.security.CurrentCaller;
import dev.cairn.runtime.security.Role;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.vertx.core.http.HttpServerResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The tenant's run events as Server-Sent Events, filtered. See docs/events-sse.md. */
@Path("/v1/events")
@Tag(name = "Events", description = "Live run events")
public class TenantEventStreamResource {
  private static final java.util.regex.Pattern TYPE =
      java.util.regex.Pattern.compile("(dev\\.cairn\\.)?run(\\.[a-z_]{1,40}){1,3}");
  private static final int MAX_TYPES = 20;
  private final EventStreamService streams;
  private final CurrentCaller caller;

  /**
   * Creates the resource.
   *
   * @param streams opens streams
   * @param caller the caller
   */
  public TenantEventStreamResource(EventStreamService streams, CurrentCaller caller) {
    this.streams = streams;
    this.caller = caller;
  }

  /**
   * Streams the tenant's events.
   *
   * @param agent only this agent's runs
   * @param types only these event types
   * @param from where a new stream starts: now (default) or earliest
   * @param lastEventId the last id received, sent by a reconnecting client
   * @param after the same for clients that cannot set headers
   * @param timeout end the stream after this many seconds
   * @param sse builds events
   * @param response the HTTP response, hung up on when the client stalls
   * @return the events
   */
  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @Blocking
  @RolesAllowed({Role.DEVELOPER_NAME, Role.OPERATOR_NAME, Role.AUDITOR_NAME})
  @Operation(
      summary = "Stream the tenant's events (SSE)",
      description =
          "text/event-stream of all runs' CloudEvents in commit order, optionally of one agent and"
              + " some types. A new stream starts now (or from=earliest); a reconnecting client"
              + " resumes after Last-Event-ID (or 'after'), an opaque id from this stream."
              + " Keep-alive comments carry the position too.")
  @APIResponse(
      responseCode = "200",
      description = "The stream",
      content =
          @Content(
              mediaType = MediaType.SERVER_SENT_EVENTS,
              schema = @Schema(type = SchemaType.STRING)))
  public Multi<OutboundSseEvent> events(
      @Parameter(description = "Only events of this agent's runs")
          @QueryParam("agent")
          @Size(min = 1, max = 63)
          String agent,
      @Parameter(description = "Only events of these types (repeatable), e.g. run.completed")
          @QueryParam("type")
          List<String> types,
      @Parameter(description = "Where a stream without Last-Event-ID starts: now or earliest")
          @QueryParam("from")
          @Pattern(regexp = "now|earliest", message = "now or earliest")
          String from,
      @Parameter(description = "Resume after this id") @HeaderParam(StreamParams.LAST_EVENT_ID)
          String lastEventId,
      @Parameter(description = "Resume after this id (when the header cannot be set)")
          @QueryParam("after")
          String after,
      @Parameter(description = "End the stream after this many seconds")
          @QueryParam("timeout")
          @Min(1)
          @Max(86_400)
          Integer timeout,
      @Context Sse sse,
      @Context HttpServerResponse response) {
    return StreamParams.streaming(
        response,
        streams.tenantEvents(
            caller.get().tenantId(),
            new EventFilter(agent, shortTypes(types)),
            StreamParams.resumeFrom(lastEventId, after),
            "earliest".equals(from),
            StreamParams.connection(sse, timeout, response)));
  }

  private static Set<String> shortTypes(List<String> types) {
    Set<String> shortened = new LinkedHashSet<>();
    if (types != null) {
      if (types.size() > MAX_TYPES) {
        throw CairnException.invalid("type", "at most " + MAX_TYPES + " types");
      }
      for (String type : types) {
        if (!TYPE.matcher(type).matches()) {
          throw CairnException.invalid("type", "not an event type, e.g. run.completed");
        }
        shortened.add(type.startsWith("dev.cairn.") ? type.substring("dev.cairn.".length()) : type);
      }
    }
    return shortened;
  }
}
