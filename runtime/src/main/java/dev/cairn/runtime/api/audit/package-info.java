/**
 * The auditor API: what happened in a run, step by step and as a whole, with the hashes that prove
 * it. Readable by auditors, operators and developers; nothing here changes anything.
 */
package dev.cairn.runtime.api.audit;
