// One case and the pipeline's response → the case's row in the report: metric values and what was missed.
import type { ChatResponse } from '../server/contract.js';
import { abstentionError, checkFacts } from './metrics/answer.js';
import { scoreCitations, type SupportJudge } from './metrics/citations.js';
import { binaryRelevance, hitAtK, ndcgAtK, rankedDocIds, recallAtK, reciprocalRank } from './metrics/retrieval.js';
import type { EvalCase } from './read-set.js';
import type { CaseResult, MetricValues } from './report/types.js';

export interface ScoreOptions {
  /** the answer path's support check, as a judge */
  support: SupportJudge;
  /** an LLM judge, when one is configured */
  llmJudge?: SupportJudge | null;
}

const bool = (b: boolean) => (b ? 1 : 0);

export async function scoreCase(c: EvalCase, response: ChatResponse, latencyMs: number, options: ScoreOptions): Promise<CaseResult> {
  const retrieved = rankedDocIds(response.passages);
  const relevant = binaryRelevance(c.expectedSources);
  const judgeRetrieval = c.answerable && relevant.size > 0;
  const facts = checkFacts(response.answer, c.expectedFacts);
  const abstention = abstentionError(c.answerable, response);
  // Citation metrics are over answered answerable cases: a wrong abstention is counted by falseAbstentionRate,
  // not a second time as missing citations.
  const judgeCitations = c.answerable && !response.abstained;
  const cited = response.citations.map((x) => ({ n: x.n, docId: x.docId, text: x.text }));
  const support = judgeCitations ? await scoreCitations(response.answer, cited, c.expectedSources, options.support) : null;
  const warnings = [...response.warnings];
  let llm: Awaited<ReturnType<typeof scoreCitations>> | null = null;
  if (judgeCitations && options.llmJudge) {
    // The judge is a second opinion: when it fails the case still counts, without judge metrics.
    try {
      llm = await scoreCitations(response.answer, cited, c.expectedSources, options.llmJudge);
    } catch (err) {
      warnings.push(`LLM judge failed: ${(err as Error).message}`);
    }
  }

  const metrics: MetricValues = {
    'hit@1': judgeRetrieval ? hitAtK(retrieved, relevant, 1) : null,
    'hit@5': judgeRetrieval ? hitAtK(retrieved, relevant, 5) : null,
    'recall@5': judgeRetrieval ? recallAtK(retrieved, relevant, 5) : null,
    mrr: judgeRetrieval ? reciprocalRank(retrieved, relevant) : null,
    'ndcg@10': judgeRetrieval ? ndcgAtK(retrieved, relevant, 10) : null,
    factRecall: c.answerable ? facts.recall : null,
    citationPrecision: support?.precision ?? null,
    citationPrecisionAlce: support?.alcePrecision ?? null,
    citationRecall: support?.recall ?? null,
    abstentionAccuracy: c.answerable ? null : bool(abstention === null),
    falseAbstentionRate: c.answerable ? bool(response.abstained) : null,
    ...(options.llmJudge
      ? {
          judgeCitationPrecision: llm?.precision ?? null,
          judgeCitationPrecisionAlce: llm?.alcePrecision ?? null,
          judgeCitationRecall: llm?.recall ?? null,
        }
      : {}),
  };

  const preciseByN = new Map<number, boolean>();
  for (const p of support?.pairs ?? []) preciseByN.set(p.n, (preciseByN.get(p.n) ?? true) && p.precise);

  return {
    id: c.id,
    line: c.line,
    category: c.category,
    group: c.group,
    question: c.question,
    history: c.history,
    answerable: c.answerable,
    expectedSources: c.expectedSources,
    expectedFacts: c.expectedFacts,
    answer: response.answer,
    abstained: response.abstained,
    rewrittenQuery: response.rewrittenQuery,
    citations: response.citations.map((x) => ({
      n: x.n,
      docId: x.docId,
      chunkId: x.chunkId,
      title: x.title,
      text: x.text,
      supported: x.supported,
      supportScore: x.supportScore,
      precise: preciseByN.get(x.n) ?? null,
    })),
    retrieved,
    metrics,
    missing: {
      facts: c.answerable ? facts.missing : [],
      sources: judgeRetrieval ? c.expectedSources.filter((s) => !retrieved.includes(s)) : [],
      abstention,
      unsupportedSentences: (support?.sentences ?? []).filter((s) => !s.supported).map((s) => s.text),
    },
    latencyMs: Math.round(latencyMs),
    warnings,
  };
}
