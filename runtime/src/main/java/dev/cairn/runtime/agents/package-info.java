/** Agent definitions and run submission: validation, normalization, the bundled demo agent. */
package dev.cairn.runtime.agents;
