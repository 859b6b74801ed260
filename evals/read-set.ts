// An evaluation set (JSON Lines, docs/CONTRACT.md) → validated cases. A bad line never stops the run:
// it becomes a SetLineError with its 1-based line number and the reason in words, and the other lines still count.
import { readFile } from 'node:fs/promises';
import type { HistoryMessage } from '../server/contract.js';

export interface EvalCase {
  id: string;
  question: string;
  answerable: boolean;
  /** document ids (corpus path without extension) */
  expectedSources: string[];
  /** each fact is a list of acceptable phrasings */
  expectedFacts: string[][];
  /** earlier turns of the conversation, for follow-up questions */
  history: HistoryMessage[];
  /** free label (single-fact, follow-up, unanswerable…); not part of the contract, shown in the report */
  category: string | null;
  /** cases with the same group ask the same thing in other words (a paraphrase set); not part of the contract */
  group: string | null;
  /** 1-based line in the set file */
  line: number;
}

export interface SetLineError {
  line: number;
  /** the case id when the line had one */
  id: string | null;
  reason: string;
}

export interface ParsedSet {
  cases: EvalCase[];
  errors: SetLineError[];
}

class CaseFormatError extends Error {}

const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

function readFacts(value: unknown): string[][] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new CaseFormatError('"expected_facts" must be a list of facts (each a list of phrasings)');
  return value.map((fact, i) => {
    // A bare string is read as a fact with one phrasing: the common hand-written mistake, and unambiguous.
    const phrasings = typeof fact === 'string' ? [fact] : fact;
    if (!isStringList(phrasings) || phrasings.length === 0 || phrasings.some((p) => !p.trim())) {
      throw new CaseFormatError(`"expected_facts"[${i}] must be a non-empty list of non-empty strings`);
    }
    return phrasings;
  });
}

function readHistory(value: unknown): HistoryMessage[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new CaseFormatError('"history" must be a list of {role, content} messages');
  return value.map((m, i) => {
    const msg = m as Partial<HistoryMessage> | null;
    if (!msg || (msg.role !== 'user' && msg.role !== 'assistant') || typeof msg.content !== 'string') {
      throw new CaseFormatError(`"history"[${i}] must be {"role": "user"|"assistant", "content": "…"}`);
    }
    return { role: msg.role, content: msg.content };
  });
}

function readCase(row: unknown, line: number): EvalCase {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) throw new CaseFormatError('expected a JSON object');
  const r = row as Record<string, unknown>;
  if (r.id !== undefined && (typeof r.id !== 'string' || !r.id.trim())) throw new CaseFormatError('"id" must be a non-empty string');
  if (typeof r.question !== 'string' || !r.question.trim()) throw new CaseFormatError('"question" must be a non-empty string');
  if (r.answerable !== undefined && typeof r.answerable !== 'boolean') throw new CaseFormatError('"answerable" must be true or false');
  if (r.expected_sources !== undefined && !isStringList(r.expected_sources)) {
    throw new CaseFormatError('"expected_sources" must be a list of document ids');
  }
  if (r.category !== undefined && typeof r.category !== 'string') throw new CaseFormatError('"category" must be a string');
  if (r.group !== undefined && typeof r.group !== 'string') throw new CaseFormatError('"group" must be a string');
  return {
    id: (r.id as string | undefined)?.trim() ?? `line-${line}`,
    question: r.question.trim(),
    answerable: (r.answerable as boolean | undefined) ?? true,
    expectedSources: (r.expected_sources as string[] | undefined) ?? [],
    expectedFacts: readFacts(r.expected_facts),
    history: readHistory(r.history),
    category: (r.category as string | undefined) ?? null,
    group: (r.group as string | undefined) ?? null,
    line,
  };
}

export function parseSet(text: string): ParsedSet {
  const cases: EvalCase[] = [];
  const errors: SetLineError[] = [];
  const seen = new Set<string>();
  text.split('\n').forEach((raw, i) => {
    const line = i + 1;
    const body = raw.replace(/^\uFEFF/, '').trim();
    if (!body || body.startsWith('//')) return;
    let row: unknown;
    try {
      row = JSON.parse(body);
    } catch (err) {
      errors.push({ line, id: null, reason: `not valid JSON (${(err as Error).message})` });
      return;
    }
    const id = typeof (row as { id?: unknown })?.id === 'string' ? ((row as { id: string }).id) : null;
    try {
      const c = readCase(row, line);
      if (seen.has(c.id)) throw new CaseFormatError(`duplicate id "${c.id}" (ids must be unique to compare reports)`);
      seen.add(c.id);
      cases.push(c);
    } catch (err) {
      if (!(err instanceof CaseFormatError)) throw err;
      errors.push({ line, id, reason: err.message });
    }
  });
  return { cases, errors };
}

export async function readSet(file: string): Promise<ParsedSet> {
  return parseSet(await readFile(file, 'utf8'));
}
