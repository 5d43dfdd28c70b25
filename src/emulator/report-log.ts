import { createWriteStream, openSync } from 'node:fs';

// Appends REPORT lines to a file through one buffered stream (never a sync write per request).
// If the disk cannot keep up, lines beyond a bounded buffer are dropped and counted rather than
// letting memory grow without limit; the stats expose the count.

const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

export interface ReportLog {
  write(line: string): void;
  /** Lines dropped because the buffer was full or the stream failed. */
  readonly dropped: number;
  /** Flushes and closes the file. */
  close(): Promise<void>;
}

/** Opens `path` for appending; throws at once if it cannot be opened (bad directory, rights). */
export function openReportLog(path: string): ReportLog {
  const fd = openSync(path, 'a');
  const stream = createWriteStream(path, { fd, highWaterMark: 64 * 1024 });
  let dropped = 0;
  let failed = false;
  stream.on('error', () => {
    failed = true;
  });
  return {
    write(line: string): void {
      if (failed || stream.writableLength > MAX_BUFFERED_BYTES) {
        dropped += 1;
        return;
      }
      stream.write(line);
    },
    get dropped() {
      return dropped;
    },
    close(): Promise<void> {
      return new Promise((resolve) => {
        if (failed || stream.closed) {
          resolve();
          return;
        }
        stream.once('close', () => resolve());
        stream.end();
      });
    },
  };
}
