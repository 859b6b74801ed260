// POST /api/chat as Server-Sent Events → AsyncIterable<ChatEvent>. EventSource cannot POST or send headers,
// so this reads the response body and parses SSE frames itself (https://html.spec.whatwg.org/multipage/server-sent-events.html).
import type { ChatEvent, ChatRequest, ChatResponse } from '../../../server/contract.js';
import { ApiError, errorFromFetchFailure, errorFromResponse, isAbort } from './api-error.js';
import type { ApiClient } from './client.js';

export interface SseMessage {
  event: string;
  data: string;
}

/**
 * Incremental SSE parser: feed decoded text as it arrives; get whole messages back. Frames may be split anywhere
 * (even inside "\r\n"); comment lines (": ping" keep-alives) and fields other than event/data are ignored.
 */
export class SseParser {
  private buffer = '';
  private event = '';
  private data: string[] = [];

  push(text: string): SseMessage[] {
    this.buffer += text;
    const out: SseMessage[] = [];
    let start = 0;
    for (;;) {
      const lf = this.buffer.indexOf('\n', start);
      const cr = this.buffer.indexOf('\r', start);
      let end: number;
      let next: number;
      if (cr !== -1 && (lf === -1 || cr < lf)) {
        // A CR at the very end may be the first half of CRLF: wait for the next chunk to decide.
        if (cr === this.buffer.length - 1) break;
        end = cr;
        next = this.buffer[cr + 1] === '\n' ? cr + 2 : cr + 1;
      } else if (lf !== -1) {
        end = lf;
        next = lf + 1;
      } else break;
      this.line(this.buffer.slice(start, end), out);
      start = next;
    }
    this.buffer = this.buffer.slice(start);
    return out;
  }

  private line(line: string, out: SseMessage[]) {
    if (line === '') {
      if (this.data.length) out.push({ event: this.event || 'message', data: this.data.join('\n') });
      this.event = '';
      this.data = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
  }
}

function toEvent(msg: SseMessage): ChatEvent {
  let parsed: unknown;
  try {
    parsed = JSON.parse(msg.data);
  } catch {
    throw new ApiError('BAD_RESPONSE', `The server sent an unreadable "${msg.event}" event.`);
  }
  const event = parsed as ChatEvent;
  if (!event || typeof event !== 'object' || typeof event.type !== 'string') {
    throw new ApiError('BAD_RESPONSE', `The server sent an unreadable "${msg.event}" event.`);
  }
  return event;
}

/** A server that answered with plain JSON (no streaming) is replayed as the events it would have sent. */
function eventsFromResponse(response: ChatResponse): ChatEvent[] {
  return [
    { type: 'meta', rewrittenQuery: response.rewrittenQuery, answerer: response.answerer, passages: response.passages },
    { type: 'token', text: response.answer },
    { type: 'citations', citations: response.citations, abstained: response.abstained },
    { type: 'done', response },
  ];
}

/**
 * Yields meta → token* → citations → done. An `error` event is yielded (not thrown) so the caller can show the
 * server's words; transport failures throw ApiError. Aborting the signal ends the iteration with ApiError ABORTED.
 */
export async function* streamChat(client: ApiClient, request: ChatRequest, signal?: AbortSignal): AsyncGenerator<ChatEvent> {
  let res: Response;
  try {
    res = await client.fetch(client.url('/api/chat'), {
      method: 'POST',
      headers: client.headers({ 'content-type': 'application/json', accept: 'text/event-stream' }),
      body: JSON.stringify(request),
      signal,
    });
  } catch (err) {
    throw errorFromFetchFailure(err, client.baseUrl);
  }
  if (!res.ok) throw await errorFromResponse(res);
  if (!(res.headers.get('content-type') ?? '').includes('text/event-stream')) {
    let body: ChatResponse;
    try {
      body = (await res.json()) as ChatResponse;
    } catch (err) {
      if (isAbort(err)) throw new ApiError('ABORTED', 'Stopped.');
      throw new ApiError('BAD_RESPONSE', 'The server sent a response that is neither an event stream nor JSON.', res.status);
    }
    yield* eventsFromResponse(body);
    return;
  }
  if (!res.body) throw new ApiError('BAD_RESPONSE', 'The server sent an empty response.', res.status);

  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  const parser = new SseParser();
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (err) {
        if (isAbort(err) || signal?.aborted) throw new ApiError('ABORTED', 'Stopped.');
        throw new ApiError('NETWORK', 'The connection to the server broke while the answer was streaming.');
      }
      // stream: true keeps a multi-byte character split across chunks intact
      const text = chunk.done ? decoder.decode() + '\n\n' : decoder.decode(chunk.value, { stream: true });
      for (const msg of parser.push(text)) {
        const event = toEvent(msg);
        yield event;
        if (event.type === 'done' || event.type === 'error') return;
      }
      if (chunk.done) break;
    }
  } finally {
    // Leaving early (done, error, the consumer's break or stop) must close the connection, not leave it streaming.
    await reader.cancel().catch(() => undefined);
  }
  if (signal?.aborted) throw new ApiError('ABORTED', 'Stopped.');
  throw new ApiError('STREAM_ENDED', 'The answer stopped before it was complete.');
}
