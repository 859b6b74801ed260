import { describe, expect, it } from 'vitest';
import { splitSentences } from './sentences.js';

const texts = (t: string) => splitSentences(t).map((s) => s.text);

describe('splitSentences', () => {
  it('returns spans whose offsets point at the sentence in the input', () => {
    const t = '  First one.  Second one?\n\nThird!  ';
    const spans = splitSentences(t);
    expect(spans.map((s) => s.text)).toEqual(['First one.', 'Second one?', 'Third!']);
    for (const s of spans) expect(t.slice(s.start, s.end)).toBe(s.text);
  });

  it('does not break after titles, initials, dotted abbreviations or "No."', () => {
    expect(texts('Theorists such as Stephen M. Walt and Dr. Pape wrote in the U.S. in 2005. Then No. 5 followed.')).toEqual([
      'Theorists such as Stephen M. Walt and Dr. Pape wrote in the U.S. in 2005.',
      'Then No. 5 followed.',
    ]);
    expect(texts('Ph.D in Political Science, e.g. realism. It matters.')).toEqual(['Ph.D in Political Science, e.g. realism.', 'It matters.']);
  });

  it('keeps a citation and a lowercase continuation with its sentence', () => {
    expect(texts('States seek power (Pape, 2005: 23). and so on. Next sentence.')).toEqual([
      'States seek power (Pape, 2005: 23). and so on.',
      'Next sentence.',
    ]);
  });

  it('does not break inside a URL or a number', () => {
    expect(texts('See https://prb.ctb.iau.ir/article_532875.html?lang=en. The value was 3.5 m. Done.')).toEqual([
      'See https://prb.ctb.iau.ir/article_532875.html?lang=en.',
      'The value was 3.5 m.',
      'Done.',
    ]);
  });

  it('treats line breaks as boundaries (headings and list items are lines)', () => {
    expect(texts('Introduction\n- item one\n- item two')).toEqual(['Introduction', '- item one', '- item two']);
  });

  it("keeps a list item's label with the sentence after it (dpkg's triggers.txt, issue 22)", () => {
    expect(
      texts(
        'We currently envisage three kinds of triggers:\n* Explicit triggers. These can be activated by any program.\n* File triggers. These are activated by dpkg. They may also be activated by hand.',
      ),
    ).toEqual([
      'We currently envisage three kinds of triggers:',
      '* Explicit triggers. These can be activated by any program.',
      '* File triggers. These are activated by dpkg.',
      'They may also be activated by hand.',
    ]);
    // a first sentence of more than a few words is a statement of its own
    expect(texts('- The first sentence of this item is long enough. A second one.')).toEqual(['- The first sentence of this item is long enough.', 'A second one.']);
  });

  it('keeps a line without a final full stop out of the next sentence (code, headings)', () => {
    expect(texts('CHUNK is the buffer size.\n#define CHUNK 16384\nPython Interpreter\nThe def() routine compresses data.')).toEqual([
      'CHUNK is the buffer size.',
      '#define CHUNK 16384',
      'Python Interpreter',
      'The def() routine compresses data.',
    ]);
  });

  it('still splits text without spaces after full stops (Chinese)', () => {
    expect(texts('俄罗斯与伊朗合作。苏莱曼尼访问了莫斯科。')).toEqual(['俄罗斯与伊朗合作。', '苏莱曼尼访问了莫斯科。']);
  });
});
