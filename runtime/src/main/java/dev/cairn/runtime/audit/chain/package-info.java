/**
 * The tamper-evident audit log: the per-tenant hash chain the database appends (migration V18),
 * Ed25519-signed digests of each chain's head written every period, the verifier that names the
 * first broken link, and the queries auditors page through.
 */
package dev.cairn.runtime.audit.chain;
