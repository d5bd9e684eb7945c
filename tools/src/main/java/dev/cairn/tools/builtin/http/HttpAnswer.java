package dev.cairn.tools.builtin.http;

/**
 * What came back, after the redirects that were followed.
 *
 * @param url the URL that answered
 * @param status the status code
 * @param contentType the content type, or null
 * @param body the bytes read (at most the configured limit)
 * @param truncated whether the answer was longer than the limit and cut off
 * @param redirects how many redirects were followed
 * @param unfollowed why a redirect was not followed, or null
 */
record HttpAnswer(
    String url,
    int status,
    String contentType,
    byte[] body,
    boolean truncated,
    int redirects,
    String unfollowed) {
  HttpAnswer afterRedirects(int count) {
    return new HttpAnswer(url, status, contentType, body, truncated, count, unfollowed);
  }

  HttpAnswer unfollowed(String why) {
    return new HttpAnswer(url, status, contentType, body, truncated, redirects, why);
  }
}
