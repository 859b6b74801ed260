// An LLM as a second judge of citation support (the entailment question ALCE asks its NLI model), used only when
// an OpenAI-compatible endpoint is configured. It speaks the chat-completions protocol with fetch: one short
// yes/no request, no streaming, no tools, so a client library would add weight and no capability.
import type { Config } from '../../server/config.js';
import type { Logger } from '../../server/log.js';
import type { SupportJudge } from '../metrics/citations.js';

const SYSTEM = [
  'You check whether a claim is supported by evidence passages.',
  'Answer "yes" only if everything the claim states can be read in the passages (paraphrase is fine, outside knowledge is not).',
  'Otherwise answer "no". Reply with the single word yes or no.',
].join(' ');

export function judgePrompt(claim: string, passages: readonly string[]): string {
  const evidence = passages.map((p, i) => `Passage ${i + 1}:\n${p}`).join('\n\n');
  return `${evidence}\n\nClaim: ${claim}\n\nIs the claim supported by the passages? Answer yes or no.`;
}

/** "Yes." / "yes, because…" → true; "No" → false; anything else is an error (not silently "no"). */
export function parseVerdict(text: string): boolean {
  const m = /^\W*(yes|no)\b/i.exec(text.trim());
  if (!m) throw new Error(`the judge answered neither yes nor no: "${text.slice(0, 80)}"`);
  return m[1].toLowerCase() === 'yes';
}

export interface LlmJudgeOptions {
  baseUrl: string;
  apiKey: string;
  model: string;
  timeoutMs: number;
}

export function llmJudge(options: LlmJudgeOptions): SupportJudge {
  const url = `${options.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  return {
    id: `llm:${options.model}`,
    async supports(claim, passages) {
      if (!passages.length) return false;
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}) },
        body: JSON.stringify({
          model: options.model,
          temperature: 0,
          max_tokens: 3,
          messages: [
            { role: 'system', content: SYSTEM },
            { role: 'user', content: judgePrompt(claim, passages) },
          ],
        }),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      if (!res.ok) throw new Error(`LLM judge: HTTP ${res.status} from ${url}: ${(await res.text()).slice(0, 200)}`);
      const body = (await res.json()) as { choices?: { message?: { content?: string } }[] };
      return parseVerdict(body.choices?.[0]?.message?.content ?? '');
    },
  };
}

/** The judge when OPENAI_API_KEY or OPENAI_BASE_URL is set, else null (the report then has no judge metrics). */
export function createLlmJudge(config: Readonly<Config>, log: Logger): SupportJudge | null {
  if (!config.OPENAI_API_KEY && !config.OPENAI_BASE_URL) return null;
  const judge = llmJudge({
    baseUrl: config.OPENAI_BASE_URL || 'https://api.openai.com/v1',
    apiKey: config.OPENAI_API_KEY,
    model: config.LLM_MODEL,
    timeoutMs: config.LLM_TIMEOUT_MS,
  });
  log.info(`eval: LLM judge ${judge.id} checks citation support too (--no-judge to skip)`);
  return judge;
}
