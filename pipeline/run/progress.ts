/**
 * Progress of `budgetlint run` on stderr: a one-line bar redrawn in place when stderr is a
 * terminal, otherwise a plain line every N files (and at the end), which suits logs of nightly jobs.
 */
import type { RunProgress } from './runner.js';

export interface ProgressOptions {
  /** Redraw a bar in place (stderr is a TTY). */
  tty: boolean;
  /** Plain mode: one line every this many files. */
  every: number;
  columns?: number;
}

export function clock(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '--:--';
  const total = Math.round(ms / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const secs = total % 60;
  const mm = String(minutes).padStart(2, '0');
  const ss = String(secs).padStart(2, '0');
  return hours > 0 ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** Remaining time from the average time per file so far. */
export function eta(progress: RunProgress): number {
  if (progress.done === 0) return Number.NaN;
  return (progress.elapsedMs / progress.done) * (progress.total - progress.done);
}

export function pagesPerSecond(progress: RunProgress): number {
  return progress.elapsedMs > 0 ? progress.pages / (progress.elapsedMs / 1000) : 0;
}

/** The figures shared by both modes: `123/1000 · 12.5 页/秒 · 剩余 01:05 · 失败 3`. */
export function describeProgress(progress: RunProgress): string {
  return [
    `${progress.done}/${progress.total} 个文件`,
    `新 ${progress.processed}`,
    `复用 ${progress.reused}`,
    `失败 ${progress.failed}`,
    `${pagesPerSecond(progress).toFixed(1)} 页/秒`,
    `剩余 ${clock(eta(progress))}`,
  ].join(' · ');
}

export class ProgressReporter {
  private lastDrawn = 0;
  private lastLine = -1;
  private drawn = false;

  constructor(private readonly write: (text: string) => void, private readonly options: ProgressOptions) {}

  update(progress: RunProgress): void {
    if (this.options.tty) {
      const nowMs = Date.now();
      if (progress.done < progress.total && nowMs - this.lastDrawn < 100) return;
      this.lastDrawn = nowMs;
      const columns = Math.max(40, this.options.columns ?? 80);
      const text = describeProgress(progress);
      const width = Math.max(10, Math.min(30, columns - text.length * 2 - 4));
      const filled = progress.total > 0 ? Math.round((progress.done / progress.total) * width) : width;
      const bar = `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] `;
      this.write(`\r\x1b[2K${bar}${text}`);
      this.drawn = true;
      return;
    }
    // Files are counted in groups (group commits): print when the count passes a multiple of N.
    const every = Math.max(1, this.options.every);
    const crossed = Math.floor(progress.done / every) > Math.floor(Math.max(0, this.lastLine) / every);
    if ((crossed || progress.done === progress.total) && this.lastLine !== progress.done) {
      this.lastLine = progress.done;
      this.write(`budgetlint run: ${describeProgress(progress)}\n`);
    }
  }

  /** Clears the bar so the summary starts on a clean line. */
  finish(): void {
    if (this.options.tty && this.drawn) this.write('\r\x1b[2K');
  }
}
