// Paraphrase consistency: cases of one group ask the same thing in other words, so they should get the same answer.
// A group agrees when every case abstained, or none did and all answers lead with the same sentence.
import { citedSentences } from '../../server/answer/citations.js';
import type { CaseResult } from '../report/types.js';

const leadSentence = (answer: string | null) => (answer ? (citedSentences(answer)[0]?.text ?? '') : '');

export function paraphraseConsistency(results: readonly CaseResult[]): { groups: number; consistent: number; share: number | null } {
  const groups = new Map<string, CaseResult[]>();
  for (const r of results) if (r.group) groups.set(r.group, [...(groups.get(r.group) ?? []), r]);
  let counted = 0;
  let consistent = 0;
  for (const rs of groups.values()) {
    if (rs.length < 2) continue;
    counted++;
    const allAbstained = rs.every((r) => r.abstained);
    const sameLead = rs.every((r) => !r.abstained) && new Set(rs.map((r) => leadSentence(r.answer))).size === 1;
    if (allAbstained || sameLead) consistent++;
  }
  return { groups: counted, consistent, share: counted ? Math.round((consistent / counted) * 1e4) / 1e4 : null };
}
