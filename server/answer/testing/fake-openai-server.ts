// Tests only: a real HTTP server on 127.0.0.1 speaking the OpenAI chat-completions wire protocol (JSON and
// streamed Server-Sent Events), with scripted replies. The product reaches it through OPENAI_BASE_URL, exactly as
// it would reach OpenAI, llama.cpp or vLLM; it never knows it is talking to a fake.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ChatCompletionRequest {
  model: string;
  messages: { role: string; content: string }[];
  stream?: boolean;
  [key: string]: unknown;
}

/** What the server does with one request. */
export type Script =
  /** answer with this text; when streamed, in these pieces (a string is split into words) */
  | { reply: string | string[] }
  /** an HTTP error with an OpenAI-style error body */
  | { status: number; message: string }
  /** stream these pieces, then never finish (the client's timeout or abort must end it) */
  | { hangAfter: string[] };

export interface FakeOpenAI {
  /** base URL to put in OPENAI_BASE_URL (ends in /v1) */
  url: string;
  /** every request body received, in order */
  requests: ChatCompletionRequest[];
  /** requests whose connection the client closed before the reply finished (abort / timeout) */
  readonly aborted: number;
  close(): Promise<void>;
}

const pieces = (reply: string | string[]) => (Array.isArray(reply) ? reply : reply.split(/(?<=\s)/));

function chunk(model: string, delta: Record<string, unknown>, finish: string | null) {
  return { id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 0, model, choices: [{ index: 0, delta, finish_reason: finish }] };
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const part of req) body += part;
  return body;
}

/** Starts the server; `script` decides the reply to each request (it may look at the messages). */
export async function startFakeOpenAI(script: (request: ChatCompletionRequest, index: number) => Script): Promise<FakeOpenAI> {
  const requests: ChatCompletionRequest[] = [];
  const sockets = new Set<Socket>();
  let aborted = 0;

  async function handle(req: IncomingMessage, res: ServerResponse) {
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `no route ${req.url}` } }));
      return;
    }
    const body = JSON.parse(await readBody(req)) as ChatCompletionRequest;
    requests.push(body);
    const s = script(body, requests.length - 1);
    res.on('close', () => {
      if (!res.writableFinished) aborted++;
    });
    if ('status' in s) {
      res.writeHead(s.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: s.message, type: 'server_error', code: null } }));
      return;
    }
    const model = body.model;
    if (!body.stream) {
      const text = 'reply' in s ? pieces(s.reply).join('') : '';
      if ('hangAfter' in s) return; // never answers
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: 'chatcmpl-fake',
          object: 'chat.completion',
          created: 0,
          model,
          choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
        }),
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const send = (data: unknown) => res.write(`data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
    send(chunk(model, { role: 'assistant', content: '' }, null));
    for (const p of 'reply' in s ? pieces(s.reply) : s.hangAfter) send(chunk(model, { content: p }, null));
    if ('hangAfter' in s) return; // the stream stays open
    send(chunk(model, {}, 'stop'));
    send('[DONE]');
    res.end();
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      res.writeHead(500).end(String(err));
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    get aborted() {
      return aborted;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
