package dev.cairn.runtime.model;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads an HTTP {@code Retry-After} value (RFC 9110): a number of seconds or an HTTP-date. Values
 * that are malformed or negative are ignored; a date in the past means "now"; long waits are cut to
 * a maximum, so one odd header cannot park a run for days.
 */
public final class RetryAfter {
  private static final int MAX_DIGITS = 18;

  private RetryAfter() {}

  /**
   * Parses a {@code Retry-After} value.
   *
   * @param value the header value, may be null
   * @param now the time the response arrived, for HTTP-dates
   * @param max the longest wait returned
   * @return the wait, or empty when there is no usable value
   */
  public static Optional<Duration> parse(String value, Instant now, Duration max) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String text = value.strip();
    Duration wait;
    if (isDigits(text)) {
      wait = text.length() > MAX_DIGITS ? max : Duration.ofSeconds(Long.parseLong(text));
    } else {
      try {
        Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        wait = at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
    return Optional.of(wait.compareTo(max) > 0 ? max : wait);
  }

  /**
   * Parses a wait in milliseconds, as some providers send in {@code retry-after-ms}.
   *
   * @param value the header value, may be null
   * @param max the longest wait returned
   * @return the wait, or empty when there is no usable value
   */
  public static Optional<Duration> parseMillis(String value, Duration max) {
    if (value == null) {
      return Optional.empty();
    }
    String text = value.strip();
    if (!isDigits(text)) {
      return Optional.empty();
    }
    Duration wait = text.length() > MAX_DIGITS ? max : Duration.ofMillis(Long.parseLong(text));
    return Optional.of(wait.compareTo(max) > 0 ? max : wait);
  }

  private static boolean isDigits(String text) {
    if (text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
