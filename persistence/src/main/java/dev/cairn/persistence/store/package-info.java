/** Explicit-SQL stores for the step loop: claims, fenced commits, leases, and the row records. */
package dev.cairn.persistence.store;
