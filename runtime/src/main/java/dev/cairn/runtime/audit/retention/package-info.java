/**
 * Payload retention: a scheduled pruner that replaces the bulky payloads of finished runs by their
 * SHA-256 digests once their definition's retention has passed, leaving every hash verifiable.
 */
package dev.cairn.runtime.audit.retention;
