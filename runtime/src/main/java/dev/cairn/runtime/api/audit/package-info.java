/**
 * The auditors' REST API: verification, history, replay, forks and the audit log. Reads only,
 * except forks. DTOs are records.
 */
package dev.cairn.runtime.api.audit;
