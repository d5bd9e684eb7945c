/** Forks: a new run that copies a run's history up to a seq and continues live from there. */
package dev.cairn.runtime.audit.fork;
