import { describe, expect, it } from 'vitest';
import { NOT_RETRIEVED } from './named-documents.js';
import { sourceTopic } from './source-topic.js';
import { RECORD_PASSAGES as PASSAGES, recordPassage as passage } from './testing/record-passages.js';

describe('sourceTopic', () => {
  it('reads "what does <a source of the corpus> say about <topic>" as a question on the topic, in the named documents', () => {
    expect(sourceTopic('What does the Roomi paper say about Hamas?', PASSAGES)).toEqual({ asked: 'What about Hamas?', docIds: new Set(['paper']) });
    expect(sourceTopic('What did Avdaliani write about the Houthis?', PASSAGES)).toEqual({ asked: 'What about the Houthis?', docIds: new Set(['analysis']) });
    expect(sourceTopic("What did the Jerusalem Post and Avdaliani say about Russia's ties with Hezbollah?", PASSAGES)?.docIds).toEqual(
      new Set(['oped', 'analysis']),
    );
    // a document called by its kind alone: any document's sentences
    expect(sourceTopic('What do the documents say about Yemen?', PASSAGES)).toEqual({ asked: 'What about Yemen?', docIds: new Set() });
    // called by its title with a document noun: the document whose title it shares most with
    expect(sourceTopic("What does the paper on Iran's regional policy argue about Saudi Arabia?", PASSAGES)?.docIds).toEqual(new Set(['paper']));
  });

  it('reads "what does <a source> say <a claim>" as a question on the claim', () => {
    expect(sourceTopic('What does Avdaliani say Russia seeks in the Middle East?', PASSAGES)).toEqual({
      asked: 'What Russia seeks in the Middle East?',
      docIds: new Set(['analysis']),
    });
    expect(sourceTopic('Why does the paper argue that Iran backs Hamas?', PASSAGES)).toEqual({ asked: 'Why Iran backs Hamas?', docIds: new Set() });
    // a wh-phrase that names what is asked, and verbs of listing
    expect(sourceTopic("Which armed groups does Avdaliani list among Russia's partners?", PASSAGES)).toEqual({
      asked: "Which armed groups among Russia's partners?",
      docIds: new Set(['analysis']),
    });
    expect(sourceTopic('Which militias does the Jerusalem Post name?', PASSAGES)).toEqual({ asked: 'Which militias?', docIds: new Set(['oped']) });
    expect(sourceTopic('What did Putin say Russia wants?', PASSAGES)).toBeNull();
    // a common word that a record happens to hold ("… University authors") names no source; nor does a noun "find"
    expect(sourceTopic('What did Israeli authorities say they had found?', [passage('p', 'A paper', [], 'research paper (Ahvaz University authors)')])).toBeNull();
    expect(sourceTopic('Why does Avdaliani consider the weapons find significant?', PASSAGES)).toBeNull();
    expect(sourceTopic('What did Jerusalem residents say about the war?', PASSAGES)).toBeNull();
  });

  it('quotes nothing for a named document none of whose passages was retrieved', () => {
    const withoutOped = PASSAGES.filter((p) => p.docId !== 'oped');
    expect(sourceTopic('What does the Jerusalem Post piece say about Hamas?', withoutOped)).toEqual({ asked: 'What about Hamas?', docIds: new Set([NOT_RETRIEVED]) });
    // a document noun with words that name no particular document
    expect(sourceTopic("What does the op-ed's conclusion say about Hamas?", withoutOped)).toEqual({ asked: 'What about Hamas?', docIds: new Set() });
  });

  it('leaves reported speech and other questions alone', () => {
    // a person the corpus quotes, not one of its sources; a title word alone names no source
    expect(sourceTopic('What did Putin say about the Houthis?', PASSAGES)).toBeNull();
    expect(sourceTopic('What did Russia say about the cache?', PASSAGES)).toBeNull();
    expect(sourceTopic('What does the Roomi paper conclude?', PASSAGES)).toBeNull();
    expect(sourceTopic('Who did Soleimani meet in Moscow?', PASSAGES)).toBeNull();
  });
});
