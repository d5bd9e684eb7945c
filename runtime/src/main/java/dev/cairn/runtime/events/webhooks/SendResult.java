package dev.cairn.runtime.events.webhooks;

/**
 * What one POST to a receiver came to.
 *
 * @param status the HTTP status, or null when there was no answer
 * @param error why it failed, or null for an answer (whatever its status)
 */
record SendResult(Integer status, String error) {
  static SendResult answered(int status) {
    return new SendResult(status, null);
  }

  static SendResult failed(String error) {
    return new SendResult(null, error);
  }

  boolean delivered() {
    return status != null && status >= 200 && status < 300;
  }

  /** For {@code last_error}: bounded, one line. */
  String describe() {
    String text = error != null ? error : delivered() ? null : "HTTP " + status;
    if (text == null) {
      return null;
    }
    text = text.replaceAll("[\\p{Cntrl}]", " ");
    return text.length() > 500 ? text.substring(0, 500) : text;
  }
}
