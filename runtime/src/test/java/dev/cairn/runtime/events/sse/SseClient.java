package dev.cairn.runtime.events.sse;

import io.restassured.RestAssured;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real SSE client over HTTP/1.1 for tests: reads the stream as it arrives on a thread of its own
 * and parses it as the SSE specification says (fields, comments, blank line ends a message).
 */
final class SseClient implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final Message END = new Message(null, null, null, null);

  /**
   * One SSE message.
   *
   * @param id the id field, or null
   * @param event the event field, or null
   * @param data the data (lines joined by newlines), or null
   * @param comment the comment, or null
   */
  record Message(String id, String event, String data, String comment) {
    boolean isComment() {
      return data == null && comment != null;
    }
  }

  private final HttpResponse<InputStream> response;
  private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
  private volatile boolean ended;

  private SseClient(HttpResponse<InputStream> response) {
    this.response = response;
    if (response.statusCode() == 200) {
      Thread.ofVirtual().start(this::read);
    }
  }

  /**
   * Opens a stream.
   *
   * @param path path and query
   * @param bearer key or token
   * @param headers further headers
   * @return the client, connected (the status and headers have arrived)
   */
  static SseClient open(String path, String bearer, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
            .header("Accept", "text/event-stream")
            .header("Authorization", "Bearer " + bearer)
            .GET();
    headers.forEach(request::header);
    try {
      return new SseClient(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static SseClient open(String path, String bearer) {
    return open(path, bearer, Map.of());
  }

  int status() {
    return response.statusCode();
  }

  String header(String name) {
    return response.headers().firstValue(name).orElse(null);
  }

  /** The body of a refused stream (a problem document). */
  String body() throws IOException {
    try (InputStream in = response.body()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * The next message.
   *
   * @param timeout how long to wait
   * @return the message, or null when none came in time or the stream ended
   */
  Message next(Duration timeout) throws InterruptedException {
    Message m = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (m == END) {
      messages.add(END);
      return null;
    }
    return m;
  }

  /**
   * The next events (messages with data), skipping comments.
   *
   * @param count how many
   * @param timeout how long to wait for all of them
   * @return the events, fewer if the stream ended or the time ran out
   */
  List<Message> events(int count, Duration timeout) throws InterruptedException {
    List<Message> events = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (events.size() < count) {
      long left = deadline - System.nanoTime();
      Message m = left <= 0 ? null : next(Duration.ofNanos(left));
      if (m == null) {
        break;
      }
      if (!m.isComment()) {
        events.add(m);
      }
    }
    return events;
  }

  /**
   * Every message until the server ends the stream.
   *
   * @param timeout how long to wait for the end
   * @return the messages, comments included
   * @throws AssertionError when the stream does not end in time
   */
  List<Message> untilEnd(Duration timeout) throws InterruptedException {
    List<Message> all = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      Message m = messages.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
      if (m == END) {
        messages.add(END);
        return all;
      }
      if (m == null) {
        throw new AssertionError("the stream did not end within " + timeout + "; got " + all);
      }
      all.add(m);
    }
  }

  boolean ended() {
    return ended;
  }

  @Override
  public void close() {
    try {
      response.body().close();
    } catch (IOException e) {
      // Closing is all that matters.
    }
  }

  private void read() {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String id = null;
      String event = null;
      String comment = null;
      StringBuilder data = null;
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isEmpty()) {
          if (id != null || event != null || comment != null || data != null) {
            messages.add(new Message(id, event, data == null ? null : data.toString(), comment));
          }
          id = null;
          event = null;
          comment = null;
          data = null;
          continue;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
          value = value.substring(1);
        }
        switch (field) {
          case "" -> comment = value;
          case "id" -> id = value;
          case "event" -> event = value;
          case "data" ->
              data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
          default -> {
            // Unknown fields are ignored, as the specification says.
          }
        }
      }
    } catch (IOException e) {
      // Closed by the test or by the server.
    } finally {
      ended = true;
      messages.add(END);
    }
  }
}
