/**
 * Test doubles shared by the runtime's tests and the integration tests (published in the runtime's
 * test jar), such as a fake OpenAI-compatible model server.
 */
package dev.cairn.testing;
