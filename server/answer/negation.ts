// Does a question ask about something that did NOT happen, and does a sentence say anything is not so? "Who did not
// charter the East India Company?" is not answered by "The company was chartered by Elizabeth I": a sentence that
// states the affirmative fact answers the affirmative question, not its negation. Crowd-written unanswerable questions
// are often made this way (a quarter of SQuAD 2.0's on the two held-out fit articles hold a negation, against 0.5 % of
// the answerable ones), and a cross-encoder trained mostly on affirmative pairs scores the affirmative sentence high.
// The decision (answer-decision.ts) abstains when none of the three best sentences states anything negative.

const NEGATION = /\b(?:not|never|no|none|nothing|nobody|neither|nor|without|cannot)\b|n['’]t\b/i;
/** Cues a sentence uses to state a negative fact: the negations above, and verbs and words of refusal or absence. */
const NEGATIVE_STATEMENT =
  /\b(?:not|never|no|none|nothing|nobody|neither|nor|without|cannot|fail(?:s|ed|ure)?|refus\w*|reject\w*|declin\w*|den(?:y|ied|ies)|lack\w*|absen\w*|except\w*|only|unable|unwilling\w*|impossible|ban(?:s|ned)?|prohibit\w*|avoid\w*|ignor\w*|refrain\w*|abstain\w*|ceas\w*|halt\w*|stop(?:s|ped)?|withdr[ae]w\w*|exclud\w*|omit\w*|neglect\w*|oppos\w*|against|hardly|rarely|seldom|few|little|instead|rather)\b|n['’]t\b/i;
/** Where a subordinate clause starts: a negation after it qualifies a noun or gives a reason ("groups that do not
 * share its faith", "even though they are not Shiite"), it does not negate what is asked. */
const SUBORDINATE = /\b(?:that|which|whose|whom|because|although|though|while|whereas|unless|if|since|as)\b|,/i;

/** The question's main clause negates what it asks ("Who did not…", "What wasn't…", "…never attempted to…"). */
export function asksNegated(question: string): boolean {
  // quoted words are a name or a slogan ("the 'neither East nor West' slogan"), not the question's own negation
  const unquoted = question.replace(/["“”«»][^"“”«»]*["“”«»]|(?<!\w)['‘][^'‘’]*['’](?!\w)/g, ' ');
  // the question's own wh-phrase ("Which groups…", "In which year…") is no subordinate clause: its first three words
  // are read whatever they are
  const opening = /^\s*(?:\S+\s+){0,3}/.exec(unquoted)![0];
  const main = opening + unquoted.slice(opening.length).split(SUBORDINATE)[0];
  return NEGATION.test(main);
}

/** 1 when the question asks a negated thing and `sentence` states nothing negative; else 0. */
export function negationUnmatched(question: string, sentence: string): number {
  return asksNegated(question) && !NEGATIVE_STATEMENT.test(sentence) ? 1 : 0;
}
