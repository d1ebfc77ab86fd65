import { formatBytes } from './format.js';

/**
 * Byte progress for long transfers, throttled: a line at most every `intervalMs`, and only when the
 * transfer is large enough to be worth watching.
 */
export class Progress {
  private done = 0;
  private lastLog = 0;
  private readonly started = Date.now();

  constructor(
    private readonly label: string,
    private total: number,
    private readonly log: (line: string) => void,
    private readonly intervalMs = 5000
  ) {}

  add(bytes: number): void {
    this.done += bytes;
    const now = Date.now();
    if (now - this.lastLog >= this.intervalMs && now - this.started >= this.intervalMs) {
      this.lastLog = now;
      this.log(this.line());
    }
  }

  /** More bytes to come (a transfer found to be needed after the first one started). */
  grow(bytes: number): void {
    this.total += bytes;
  }

  get bytes(): number {
    return this.done;
  }

  line(): string {
    const pct = this.total > 0 ? Math.min(100, Math.floor((this.done / this.total) * 100)) : 100;
    const secs = Math.max(0.001, (Date.now() - this.started) / 1000);
    return `${this.label}: ${formatBytes(this.done)} of ${formatBytes(this.total)} (${pct}%), ${formatBytes(this.done / secs)}/s`;
  }
}
