/** Panache entities and repositories: agent definitions, and read views of runs and checkpoints. */
package dev.cairn.persistence.entity;
