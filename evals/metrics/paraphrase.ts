// Paraphrase consistency: cases of one group ask the same thing in other words, so they should get the same answer.
// A group agrees when every case abstained, or none did and every answer states the same expected facts (the
// same facts found, the same missing). Sentence order may differ between wordings; what the answer says may not.
import type { CaseResult } from '../report/types.js';

const factsKey = (r: CaseResult) => JSON.stringify([...r.missing.facts.map((f) => f.join('|'))].sort());

export function paraphraseConsistency(results: readonly CaseResult[]): { groups: number; consistent: number; share: number | null } {
  const groups = new Map<string, CaseResult[]>();
  for (const r of results) if (r.group) groups.set(r.group, [...(groups.get(r.group) ?? []), r]);
  let counted = 0;
  let consistent = 0;
  for (const rs of groups.values()) {
    if (rs.length < 2) continue;
    counted++;
    const allAbstained = rs.every((r) => r.abstained);
    const sameFacts = rs.every((r) => !r.abstained) && new Set(rs.map(factsKey)).size === 1;
    if (allAbstained || sameFacts) consistent++;
  }
  return { groups: counted, consistent, share: counted ? Math.round((consistent / counted) * 1e4) / 1e4 : null };
}
