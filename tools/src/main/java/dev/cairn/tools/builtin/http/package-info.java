/**
 * The built-in HTTP tools {@code http_get} and {@code http_post}: requests to allow-listed hosts
 * only, through the egress guard at every hop, with bounded size and time, and answers handed to
 * the model as untrusted data (docs/http-tool.md).
 */
package dev.cairn.tools.builtin.http;
