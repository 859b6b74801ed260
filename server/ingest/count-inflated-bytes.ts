// How many bytes deflated data inflates to, counted as it streams through zlib and thrown away, stopping as soon as
// the count passes a budget: a decompression bomb is measured without ever being held in memory.
import { Readable } from 'node:stream';
import { createInflate, createInflateRaw, type Inflate, type InflateRaw } from 'node:zlib';

export interface InflateOptions {
  /** raw deflate (ZIP entries) rather than a zlib stream (PDF FlateDecode) */
  raw?: boolean;
  /** the data was deflated this many times over (a PDF filter array may repeat FlateDecode) */
  layers?: number;
}

/**
 * Bytes `data` inflates to, stopping once past `budget` (the returned count is then > budget). A stream that is
 * damaged partway counts what inflated before the damage; `damaged` says so.
 */
export async function countInflatedBytes(
  data: Uint8Array,
  budget: number,
  { raw = false, layers = 1 }: InflateOptions = {},
): Promise<{ bytes: number; damaged: boolean }> {
  const stages: (Inflate | InflateRaw)[] = Array.from({ length: Math.max(1, layers) }, () =>
    raw ? createInflateRaw({ chunkSize: 1 << 20 }) : createInflate({ chunkSize: 1 << 20 }),
  );
  let source: NodeJS.ReadableStream = Readable.from([data]);
  for (const stage of stages) source = source.pipe(stage);
  let bytes = 0;
  let damaged = false;
  const errored = new Promise<void>((resolve) => stages.forEach((s) => s.once('error', () => ((damaged = true), resolve()))));
  const counted = (async () => {
    try {
      for await (const chunk of source as AsyncIterable<Buffer>) {
        bytes += chunk.length;
        if (bytes > budget) break;
      }
    } catch {
      damaged = true;
    }
  })();
  await Promise.race([counted, errored]);
  stages.forEach((s) => s.destroy());
  return { bytes, damaged };
}
