/**
 * The auditors' REST API: verification, history, recorded and shadow replay, state at a seq,
 * differences between seqs, forks and the audit log. Only a fork writes (a new run). DTOs are
 * records.
 */
package dev.cairn.runtime.api.audit;
