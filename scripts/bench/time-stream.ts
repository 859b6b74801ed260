// The client side of the SSE latency figures (npm run bench, npm run bench -- --scale).

/** Reads an SSE response until `done`, noting when the first event and the first token arrived. */
export async function timeStream(url: string, question: string): Promise<{ firstEvent: number; firstToken: number; total: number }> {
  const t0 = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ question }),
  });
  if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
  let firstEvent = 0;
  let firstToken = 0;
  let buffer = '';
  const decoder = new TextDecoder();
  for await (const chunk of res.body) {
    buffer += decoder.decode(chunk as Uint8Array, { stream: true });
    if (!firstEvent && buffer.includes('event: ')) firstEvent = performance.now() - t0;
    if (!firstToken && buffer.includes('event: token')) firstToken = performance.now() - t0;
    if (buffer.includes('event: done') || buffer.includes('event: error')) break;
  }
  const total = performance.now() - t0;
  return { firstEvent, firstToken: firstToken || total, total };
}

