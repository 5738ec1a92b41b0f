import type { Clock } from "./clock";
import type { ImageCache } from "./image/ImageCache";
import type { MockBflOptions } from "./options";
import type { MockTaskRecord } from "./tasks";

/**
 * The tasks the mock holds, by id and by delivery blob, and which of them still run. Memory is bounded as at
 * BFL: finished tasks are forgotten `retentionMs` after they finish, and at most `maxTasks` are kept.
 */
export class TaskStore {
  private readonly records = new Map<string, MockTaskRecord>();
  private readonly blobs = new Map<string, string>();
  private readonly active = new Set<MockTaskRecord>();
  private nextSweep = 0;

  constructor(
    private readonly options: MockBflOptions,
    private readonly clock: Clock,
    private readonly images: ImageCache,
  ) {}

  get(id: string): MockTaskRecord | undefined {
    return this.records.get(id);
  }

  /** The task whose image lives at a delivery blob id. */
  byBlob(blobId: string): MockTaskRecord | undefined {
    const id = this.blobs.get(blobId);
    return id === undefined ? undefined : this.records.get(id);
  }

  /** Every task held, oldest first. */
  all(): MockTaskRecord[] {
    return [...this.records.values()];
  }

  /** Tasks still running now; finished or evicted ones leave the running set on the way. */
  running(): MockTaskRecord[] {
    const now = this.clock.now();
    const running: MockTaskRecord[] = [];
    for (const task of [...this.active]) {
      if (task.finishesAt <= now || !this.records.has(task.id)) this.active.delete(task);
      else running.push(task);
    }
    return running;
  }

  add(record: MockTaskRecord): void {
    this.records.set(record.id, record);
    this.blobs.set(record.blobId, record.id);
    if (record.finishesAt > record.createdAt) this.active.add(record);
    const max = this.options.maxTasks ?? 10_000;
    const now = this.clock.now();
    while (this.records.size > max) {
      // Finished tasks go first (BFL forgets those too); a running one only when every task is still running.
      let victim: MockTaskRecord | undefined;
      for (const candidate of this.records.values()) {
        victim ??= candidate;
        if (candidate.finishesAt <= now) {
          victim = candidate;
          break;
        }
      }
      if (!victim) break;
      this.evict(victim);
    }
  }

  /** Forgets tasks finished longer than `retentionMs` ago; runs at most once per simulated second. */
  sweep(): void {
    const now = this.clock.now();
    if (now < this.nextSweep) return;
    this.nextSweep = now + 1000;
    const retention = this.options.retentionMs ?? 3_600_000;
    for (const task of [...this.records.values()]) if (task.finishesAt + retention <= now) this.evict(task);
  }

  /** Forgets every task and its cached image. */
  clear(): void {
    this.records.clear();
    this.blobs.clear();
    this.active.clear();
    this.images.clear();
  }

  private evict(task: MockTaskRecord): void {
    this.records.delete(task.id);
    this.blobs.delete(task.blobId);
    this.images.delete(task.blobId);
    this.active.delete(task);
  }
}
