/**
 * What auditors get: verifiable checkpoint history, recorded replay, forks, the tamper-evident
 * audit log and retention. One subpackage per capability.
 */
package dev.cairn.runtime.audit;
