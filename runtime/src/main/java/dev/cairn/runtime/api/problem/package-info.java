/** RFC 9457 problem details: the one error format of every endpoint. */
package dev.cairn.runtime.api.problem;
