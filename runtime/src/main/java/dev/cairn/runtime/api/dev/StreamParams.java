package dev.cairn.runtime.api.dev;

import dev.cairn.runtime.events.sse.EventStreamService;
import dev.cairn.runtime.events.sse.Resume;
import io.smallrye.mutiny.Multi;
import io.vertx.core.http.HttpServerResponse;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;

/** What the two event stream resources share: where to resume, the connection, the headers. */
final class StreamParams {
  /** The header an SSE client sends when it reconnects. */
  static final String LAST_EVENT_ID = "Last-Event-ID";

  private StreamParams() {}

  /**
   * The id to resume after: the header wins, since a reconnecting EventSource sends it to the URL
   * it first opened, whose {@code after} is older. An empty header counts as none: EventSource
   * sends it empty before it has received an id.
   *
   * @param lastEventId the header, or null
   * @param after the query parameter, or null
   * @return where to resume, or null when neither is given
   */
  static Resume resumeFrom(String lastEventId, String after) {
    if (lastEventId != null && !lastEventId.isEmpty()) {
      return new Resume(LAST_EVENT_ID, lastEventId);
    }
    return after == null ? null : new Resume("after", after);
  }

  static EventStreamService.Connection connection(
      Sse sse, Integer timeoutSeconds, HttpServerResponse response) {
    return new EventStreamService.Connection(
        sse, timeoutSeconds == null ? null : Duration.ofSeconds(timeoutSeconds), response::reset);
  }

  /**
   * Marks an admitted stream's response: not to be cached, nor held back by a proxy.
   *
   * @param response the response
   * @param events the stream's events
   * @return the events
   */
  static Multi<OutboundSseEvent> streaming(
      HttpServerResponse response, Multi<OutboundSseEvent> events) {
    response.putHeader("Cache-Control", "no-store");
    response.putHeader("X-Accel-Buffering", "no");
    return events;
  }
}
