import type { MockRequestLog } from "./MockBfl";
import type { MockBflOptions } from "./options";

/** A log entry while its request is being answered: the status, task and fault are filled in on the way. */
export type PendingLogEntry = { -readonly [K in keyof MockRequestLog]: MockRequestLog[K] };

/** The most recent requests (`mock.requests`), at most `maxRequestLog`. */
export class RequestLog {
  private list: MockRequestLog[] = [];

  constructor(private readonly options: MockBflOptions) {}

  get entries(): readonly MockRequestLog[] {
    return this.list;
  }

  add(entry: MockRequestLog): void {
    this.list.push(entry);
    const max = this.options.maxRequestLog ?? 1000;
    if (this.list.length > max) this.list.splice(0, this.list.length - max);
  }

  clear(): void {
    this.list = [];
  }
}
