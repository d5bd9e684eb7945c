/** What an agent remembers: context building, summaries, long-term memory and recall. */
package dev.cairn.runtime.memory;
