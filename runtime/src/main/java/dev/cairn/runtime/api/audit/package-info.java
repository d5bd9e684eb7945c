/**
 * The auditors' API: the tamper-evident audit log (records, signed digests, the signing key's
 * public half, verification).
 */
package dev.cairn.runtime.api.audit;
