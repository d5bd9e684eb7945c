/**
 * The operator API: commands to runs (pause, resume, cancel, steer, retry, reconcile, raise a
 * budget), tool call approvals, the inbox of what needs a person, and bulk commands.
 */
package dev.cairn.runtime.api.ops;
