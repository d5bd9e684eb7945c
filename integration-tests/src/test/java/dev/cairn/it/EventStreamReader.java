package dev.cairn.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Server-Sent Events client of one replica: reads the stream on a thread of its own and hands out
 * its events (messages with data; comments are skipped). The stream ends when the server ends it,
 * the connection breaks (a killed replica) or the test closes it.
 */
final class EventStreamReader implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private static final Event END = new Event(null, null, null);

  /**
   * One event.
   *
   * @param id its SSE id
   * @param type its SSE event name (the CloudEvents type)
   * @param data the CloudEvent JSON
   */
  record Event(String id, String type, String data) {}

  private final InputStream body;
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

  private EventStreamReader(InputStream body) {
    this.body = body;
    Thread.ofVirtual().start(this::read);
  }

  /**
   * Opens a stream; fails unless the replica answers 200.
   *
   * @param baseUrl the replica
   * @param path path and query
   * @param key bearer key
   * @param lastEventId the id to resume after, or null
   */
  static EventStreamReader open(String baseUrl, String path, String key, String lastEventId) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Accept", "text/event-stream")
            .header("Authorization", "Bearer " + key)
            .GET();
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    try {
      HttpResponse<InputStream> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      if (response.statusCode() != 200) {
        String problem = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
        throw new AssertionError(path + " answered " + response.statusCode() + ": " + problem);
      }
      return new EventStreamReader(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The next event.
   *
   * @param timeout how long to wait
   * @return the event, or null when the stream ended or nothing came in time
   */
  Event next(Duration timeout) throws InterruptedException {
    Event event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (event == END) {
      events.add(END);
      return null;
    }
    return event;
  }

  /** Whether the stream has ended (all events before the end were handed out or are queued). */
  boolean ended() {
    return events.contains(END);
  }

  @Override
  public void close() {
    try {
      body.close();
    } catch (IOException e) {
      // Closing is all that matters.
    }
  }

  private void read() {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String id = null;
      String type = null;
      StringBuilder data = null;
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isEmpty()) {
          if (data != null) {
            events.add(new Event(id, type, data.toString()));
          }
          id = null;
          type = null;
          data = null;
        } else if (line.startsWith("id:")) {
          id = line.substring(3).strip();
        } else if (line.startsWith("event:")) {
          type = line.substring(6).strip();
        } else if (line.startsWith("data:")) {
          String value = line.substring(5);
          value = value.startsWith(" ") ? value.substring(1) : value;
          data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
        }
      }
    } catch (IOException e) {
      // The replica went away or the test closed the stream.
    } finally {
      events.add(END);
    }
  }
}
