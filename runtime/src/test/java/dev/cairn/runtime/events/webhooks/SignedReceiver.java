package dev.cairn.runtime.events.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver as a tenant would write one: a real HTTP server on 127.0.0.1 that verifies the
 * signature of every request with its own code (written from docs/events-webhooks.md, sharing
 * nothing with the sender), records what it got, and answers a chosen status.
 */
final class SignedReceiver implements AutoCloseable {
  /** How old a signature may be. */
  static final long TOLERANCE_SECONDS = 300;

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One request as received.
   *
   * @param eventId the Cairn-Event-Id header
   * @param eventType the Cairn-Event-Type header
   * @param deliveryId the Cairn-Delivery-Id header
   * @param attempt the Cairn-Delivery-Attempt header
   * @param contentType the Content-Type header
   * @param signature the Cairn-Signature header
   * @param body the raw body
   * @param verified whether the signature verified when it arrived
   * @param answered the status answered
   */
  record Received(
      String eventId,
      String eventType,
      String deliveryId,
      int attempt,
      String contentType,
      String signature,
      String body,
      boolean verified,
      int answered) {
    JsonNode event() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger status;
  private volatile String secret = "";

  private SignedReceiver(int status) throws IOException {
    this.status = new AtomicInteger(status);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/hooks", this::handle);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
  }

  /**
   * Starts a receiver.
   *
   * @param status what it answers until told otherwise
   * @return the receiver
   */
  static SignedReceiver start(int status) {
    try {
      return new SignedReceiver(status);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The secret the subscription's creation answered. */
  void secret(String secret) {
    this.secret = secret;
  }

  void answer(int status) {
    this.status.set(status);
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/cairn?src=test";
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      var h = exchange.getRequestHeaders();
      String signature = h.getFirst("Cairn-Signature");
      boolean ok =
          "POST".equals(exchange.getRequestMethod())
              && exchange.getRequestURI().toString().equals("/hooks/cairn?src=test")
              && verify(secret, signature, body, Instant.now().getEpochSecond());
      int answer = status.get();
      String attempt = h.getFirst("Cairn-Delivery-Attempt");
      received.add(
          new Received(
              h.getFirst("Cairn-Event-Id"),
              h.getFirst("Cairn-Event-Type"),
              h.getFirst("Cairn-Delivery-Id"),
              attempt == null ? -1 : Integer.parseInt(attempt),
              h.getFirst("Content-Type"),
              signature,
              body,
              ok,
              answer));
      exchange.sendResponseHeaders(answer, -1);
    }
  }

  /**
   * The receiver's check, as docs/events-webhooks.md describes it: the header is {@code
   * t=<seconds>,v1=<hex>}; the expected value is HMAC-SHA256 with the secret's UTF-8 bytes as key
   * over {@code <t>.<body>}; compared in constant time; t at most {@link #TOLERANCE_SECONDS} away.
   */
  static boolean verify(String secret, String header, String body, long nowSeconds) {
    if (header == null || secret == null || secret.isEmpty()) {
      return false;
    }
    Long t = null;
    List<String> signatures = new java.util.ArrayList<>();
    for (String part : header.split(",")) {
      String[] kv = part.trim().split("=", 2);
      if (kv.length != 2) {
        return false;
      }
      if (kv[0].equals("t")) {
        try {
          t = Long.parseLong(kv[1]);
        } catch (NumberFormatException e) {
          return false;
        }
      } else if (kv[0].equals("v1")) {
        signatures.add(kv[1]);
      }
    }
    if (t == null || Math.abs(nowSeconds - t) > TOLERANCE_SECONDS) {
      return false;
    }
    byte[] expected;
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      expected = mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    for (String candidate : signatures) {
      byte[] given;
      try {
        given = HexFormat.of().parseHex(candidate);
      } catch (IllegalArgumentException e) {
        continue;
      }
      if (MessageDigest.isEqual(expected, given)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
