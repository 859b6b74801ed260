import { describe, expect, it } from 'vitest';
import { loadMarkdown, markdownToText, stripInlineMarkdown } from './load-markdown.js';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('Markdown loader', () => {
  it('reduces inline syntax to the words a reader sees', () => {
    expect(stripInlineMarkdown('A **bold**, *italic*, _under_ and `code` [link](https://x.org/a_(b)) ![alt text](p.png) ~~old~~.')).toBe(
      'A bold, italic, under and code link alt text old.',
    );
    // arithmetic and snake_case are not emphasis
    expect(stripInlineMarkdown('2 * 3 * 4 = 24 and my_var_name stays')).toBe('2 * 3 * 4 = 24 and my_var_name stays');
  });

  it('drops badges, reads reference images and HTML images as their alt text, and shortcut references as their word', () => {
    const md = [
      '<p align="center"><img src="https://x.org/logo.png" alt="Zstandard"></p>',
      '',
      'A fast compressor.',
      '',
      '[![Build Status][travisBadge]][travisLink]',
      '[![Coverage](https://x.org/c.svg)](https://x.org/c)',
      '',
      'Measured with [lzbench] and ![a chart][chart], built with [gcc] 9.3.0 [sic].',
      '',
      '[lzbench]: https://github.com/inikep/lzbench',
      '[gcc]: https://gcc.gnu.org',
      '[chart]: chart.png',
      '[travisBadge]: https://travis-ci.org/badge.svg',
    ].join('\n');
    expect(markdownToText(md).text.split('\n').filter(Boolean)).toEqual(['Zstandard', 'A fast compressor.', 'Measured with lzbench and a chart, built with gcc 9.3.0 [sic].']);
  });

  it('records ATX and setext headings, drops rules, fences and link definitions, keeps tables readable', () => {
    const md = ['Title Here', '==========', '', 'Intro text.', '', '## Part *two* ##', '', '---', '', '| a | b |', '|---|---|', '| 1 | 2 |', '', '```js', 'const x = 1;', '```', '', '[ref]: https://example.org', '> quoted line', '* star bullet'].join('\n');
    const { text, headings } = markdownToText(md);
    expect(headings).toEqual(['Title Here', 'Part two']);
    expect(text.split('\n').filter(Boolean)).toEqual(['Title Here', 'Intro text.', 'Part two', 'a | b', '1 | 2', 'const x = 1;', 'quoted line', '- star bullet']);
  });

  it('reads front matter as metadata, and a broken one as text with a warning', () => {
    const ok = loadMarkdown(bytes('---\ntitle: Notes\nauthor: Ana Souza\ndate: 2020-04-15\n---\nBody.'));
    expect(ok.meta).toEqual({ title: 'Notes', authors: ['Ana Souza'], date: '2020-04-15' });
    expect(ok.pages).toEqual(['Body.']);
    const broken = loadMarkdown(bytes('---\ntitle: [unclosed\n---\nBody.'));
    expect(broken.meta).toEqual({});
    expect(broken.warnings).toHaveLength(1);
    expect(broken.warnings[0]).toMatch(/^front matter is not valid YAML \(.+\); it was read as text$/);
    expect(broken.pages[0]).toContain('Body.');
  });

  it("takes the first heading as the title, keeps a list item's wrapped lines with it and code blocks as written (PyYAML's README, issue 22)", () => {
    const md = [
      'PyYAML',
      '======',
      '',
      'A full-featured YAML processing framework for Python',
      '',
      'If you don\'t trust the input YAML stream, you should use:',
      '',
      '    >>> yaml.safe_load(stream)',
      '    >>> yaml.dump(data, Dumper=yaml.CDumper)',
      '',
      '* For more information, check the',
      '  [PyYAML homepage](https://github.com/yaml/pyyaml).',
      '* Discuss PyYAML with the maintainers.',
    ].join('\n');
    const doc = loadMarkdown(bytes(md));
    expect(doc.meta).toEqual({ title: 'PyYAML' });
    expect(doc.preformatted).toEqual(['>>> yaml.safe_load(stream)', '>>> yaml.dump(data, Dumper=yaml.CDumper)']);
    expect(doc.pages[0].split('\n').filter(Boolean)).toEqual([
      'PyYAML',
      'A full-featured YAML processing framework for Python',
      "If you don't trust the input YAML stream, you should use:",
      '>>> yaml.safe_load(stream)',
      '>>> yaml.dump(data, Dumper=yaml.CDumper)',
      '- For more information, check the PyYAML homepage.',
      '- Discuss PyYAML with the maintainers.',
    ]);
    // front matter names the title when it has one
    expect(loadMarkdown(bytes(`---\ntitle: Notes\n---\n${md}`)).meta).toEqual({ title: 'Notes' });
  });
});
