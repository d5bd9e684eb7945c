/**
 * Operator control of runs: commands (pause, resume, cancel, steer, approve, reject, retry,
 * reconcile, raise a budget) validated against the run's projected status and recorded for the
 * engine, the operator inbox, bulk commands, and the price table.
 */
package dev.cairn.runtime.control;
