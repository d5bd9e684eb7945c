package dev.cairn.runtime.scheduler;

import dev.cairn.persistence.PersistenceException;
import dev.cairn.persistence.store.StepCommit;
import dev.cairn.persistence.store.StepStore;
import dev.cairn.runtime.engine.StepCommitter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.jboss.logging.Logger;

/**
 * Application-level group commit: steps of different runs that are ready at the same moment share
 * one transaction (one WAL flush), each still guarded by its own lease fence. A lone step commits
 * at once; batches form only while every committer thread is busy, so latency does not grow.
 */
final class GroupCommitter implements StepCommitter, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(GroupCommitter.class);

  private record Pending(StepCommit step, CompletableFuture<Boolean> done, long queuedAt) {}

  private final StepStore store;
  private final int maxBatch;
  private final MicrometerEngineMetrics metrics;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean closed;

  /**
   * Starts the committer threads. Several threads let groups commit in parallel on several database
   * connections (and cores); groups never share a run (a run has at most one commit in flight) and
   * each locks its rows in id order, so they do not wait for each other.
   */
  GroupCommitter(StepStore store, int maxBatch, int threadCount, MicrometerEngineMetrics metrics) {
    if (threadCount < 1 || threadCount > 64) {
      throw new IllegalArgumentException(
          "cairn.worker.group-commit-threads must be between 1 and 64, was " + threadCount);
    }
    this.store = store;
    this.maxBatch = maxBatch;
    this.metrics = metrics;
    for (int i = 0; i < threadCount; i++) {
      threads.add(Thread.ofPlatform().name("cairn-group-commit-" + i).daemon().start(this::loop));
    }
  }

  @Override
  public boolean commit(StepCommit step) {
    if (closed) {
      return store.commitStep(step);
    }
    try {
      return submit(step).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PersistenceException("interrupted while committing", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new PersistenceException("commit failed", e.getCause());
    }
  }

  @Override
  public CompletableFuture<Boolean> submit(StepCommit step) {
    if (closed) {
      return StepCommitter.super.submit(step);
    }
    Pending pending = new Pending(step, new CompletableFuture<>(), System.nanoTime());
    queue.add(pending);
    if (closed) {
      // The loop may have ended between the check above and the add: nobody else would take it.
      commitLeftovers();
    }
    return pending.done();
  }

  private void loop() {
    List<Pending> batch = new ArrayList<>(maxBatch);
    while (!closed || !queue.isEmpty()) {
      try {
        Pending first = queue.take();
        batch.add(first);
        queue.drainTo(batch, maxBatch - 1);
        commitBatch(batch);
      } catch (InterruptedException e) {
        if (closed) {
          break;
        }
      } catch (RuntimeException e) {
        LOG.error("group commit loop error", e);
        batch.forEach(p -> p.done().completeExceptionally(e));
      } finally {
        batch.clear();
      }
    }
    commitLeftovers();
  }

  /** Commits whatever is still queued once the loop has ended, each step alone. */
  private void commitLeftovers() {
    Pending rest;
    while ((rest = queue.poll()) != null) {
      completeAlone(rest);
    }
  }

  private void commitBatch(List<Pending> batch) {
    long start = System.nanoTime();
    for (Pending p : batch) {
      metrics.commitQueued(start - p.queuedAt());
    }
    try {
      commitTogether(batch);
    } finally {
      metrics.commitBatch(batch.size(), System.nanoTime() - start);
    }
  }

  private void commitTogether(List<Pending> batch) {
    if (batch.size() == 1) {
      completeAlone(batch.getFirst());
      return;
    }
    try {
      boolean[] committed = store.commitSteps(batch.stream().map(Pending::step).toList());
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).done().complete(committed[i]);
      }
    } catch (PersistenceException e) {
      // One step may have failed the whole batch (or the database is away): commit each alone
      // so every step gets its own answer.
      batch.forEach(this::completeAlone);
    }
  }

  private void completeAlone(Pending p) {
    try {
      p.done().complete(store.commitStep(p.step()));
    } catch (RuntimeException e) {
      p.done().completeExceptionally(e);
    }
  }

  @Override
  public void close() {
    closed = true;
    threads.forEach(Thread::interrupt);
  }
}
