package dev.cairn.tools.builtin.http;

import java.util.Map;

/**
 * A request the model asked for, its headers already checked against the allow-list.
 *
 * @param method {@code GET} or {@code POST}
 * @param url the URL as given
 * @param headers request headers
 * @param body the body of a POST, or null
 */
record HttpCall(String method, String url, Map<String, String> headers, byte[] body) {}
