// Entry point of the loader process (load-in-subprocess.ts starts it): loads one file per message and sends the
// result back, so a parser that exhausts its heap or never returns takes down this process only, never the ingest.
import type { IngestLimits } from './ingest-limits.js';
import { checkTextSize } from './check-text-size.js';
import { LoadFailure, loaderFor, type LoadedDocument } from './load-document.js';

export interface LoadRequest {
  ext: string;
  bytes: Uint8Array;
  limits: IngestLimits;
}

export type LoadReply =
  | { ok: true; doc: LoadedDocument }
  | { ok: false; loadFailure: boolean; message: string };

// The ingest that started this process is gone (killed, crashed): nothing is waiting for the answer.
process.on('disconnect', () => process.exit(0));

process.on('message', async ({ ext, bytes, limits }: LoadRequest) => {
  let reply: LoadReply;
  try {
    const doc = await (await loaderFor(ext))(bytes, limits);
    // checked here so that an oversized text is never copied to the ingest
    checkTextSize(doc, limits.maxTextBytes);
    reply = { ok: true, doc };
  } catch (err) {
    reply = { ok: false, loadFailure: err instanceof LoadFailure, message: (err as Error)?.message ?? String(err) };
  }
  process.send!(reply);
});
process.send!({ ready: true });
