import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanDocument, cleanText } from './clean.js';

const CORPUS = path.resolve(import.meta.dirname, '../../corpus');
const seed = (name: string) => readFileSync(path.join(CORPUS, name), 'utf8');
const ROOMI = 'resistance-axis-iran-regional-policy-roomi.txt';
const JPOST = 'russia-iran-converge-soleimani-jpost.txt';
const AVDALIANI = 'russia-ties-axis-of-resistance-avdaliani-2024.txt';

describe('PDF-extraction garbage (snippets from the seed paper)', () => {
  it('removes glyph runs and OCR-digit math but keeps the citation and the sentence around them', () => {
    const raw = String.raw`Reactions escalate only under conditions where security is gravely under threat (Moshirzadeh, $\Upsilon \cdot \cdot \Im / \Upsilon \Lambda \land \Upsilon 1$). DDD DDD DDDDDDDD DD DDDDDDD DDD DDD asymmetric distribution of power, scholars posed the question.`;
    expect(cleanText(raw)).toBe(
      'Reactions escalate only under conditions where security is gravely under threat (Moshirzadeh). asymmetric distribution of power, scholars posed the question.',
    );
  });

  it('drops a heading whose letters all came out as zeros, and a line of nothing but zeros', () => {
    const raw = [
      'the challenges and opportunities the alliance has brought about to both Iran and the resistance groups.',
      '',
      '1. 000000000 00000000: 000000000 0000000 (000000 00 **Threat**)',
      '',
      'v. 00000000 000000000 000000000 00000000 00000000 000000 000000 000000 00000 00000 <',
      '',
      'Neoclassical realism is a combination of classical realism and neorealism (Salimi and Ebrahimi, 2014/1393: 19).',
    ].join('\n');
    expect(cleanText(raw)).toBe(
      'the challenges and opportunities the alliance has brought about to both Iran and the resistance groups.\n\n' +
        'Neoclassical realism is a combination of classical realism and neorealism (Salimi and Ebrahimi, 2014/1393: 19).',
    );
  });

  it('removes look-alike-digit math in citations and tidies the brackets', () => {
    expect(cleanText(String.raw`a decade ago (Bagheri and Ebrahimi, $\Upsilon \cdot 15/1$ $\Upsilon \circ 15 \cdot 1$).`)).toBe(
      'a decade ago (Bagheri and Ebrahimi).',
    );
    expect(cleanText(String.raw`not still true about Iran (Robinson & et al., $Y \cdot 1\lambda$: $1Y\Delta 1YA$).`)).toBe(
      'not still true about Iran (Robinson & et al.).',
    );
    expect(cleanText(String.raw`in need of power balancing (Mosallanejad and Samadi, $\Upsilon \cdot \Lambda / \Lambda^{T} \Upsilon \cdot \Upsilon \cdot \Upsilon$). DDDDDDDDD, DD DDDDDDDDDDDDDDDDD, DDDD-`)).toBe(
      'in need of power balancing (Mosallanejad and Samadi).',
    );
  });

  it('turns Persian digits in English text into digits and drops the garbage around them', () => {
    const raw = "- Δ- DDDDD DD DDDDD ۹/۱۱ DDDD, DDD DDDDD DDDD, DDD DD current administration, as Iran's main enemy, defined US Middle East policy.";
    expect(cleanText(raw)).toBe("- 9/11 current administration, as Iran's main enemy, defined US Middle East policy.");
  });

  it('removes empty superscripts, Markdown emphasis and a stray letter of another script', () => {
    expect(cleanText('^{.)} The "Arab spring" in western literature')).toBe('The "Arab spring" in western literature');
    expect(cleanText("Iran's Regional Policy: Challenges and **Opportunities**")).toBe("Iran's Regional Policy: Challenges and Opportunities");
    expect(cleanText('Aghaei (2008). The Place of EU. *Politics Quarterly* 37(3), 1-28.')).toBe('Aghaei (2008). The Place of EU. Politics Quarterly 37(3), 1-28.');
    expect(cleanText('Russia uses its foreign policy tools to their benefitץ')).toBe('Russia uses its foreign policy tools to their benefit');
  });

  it('cleans symbol soup out of references but keeps the reference', () => {
    expect(cleanText(String.raw`- Mosallanejad, Abbas (2011/1390). Iran and Defense Pact Necessities. https://dorl.net/dor/20.1001.1. \YT&FTT\.\T3+.Y.T\.&.F.`)).toBe(
      '- Mosallanejad, Abbas (2011/1390). Iran and Defense Pact Necessities. https://dorl.net/dor/20.1001.1.',
    );
    const broken = [
      'Fars News Agency (2011/1390). Stephen Walt: American threats. Dec 25.',
      '',
      'DB%8C-',
      '',
      '% D8% A2% D9% 85% D8% B1% DB% 8C% DA% A9% D8% A7-% D8% A7% DB% 8C% D8% B1% D8.',
      '',
      '- Griffiths, Martin (2007). International Relations Theory for the Twenty-First Century. Routledge.',
    ].join('\n');
    expect(cleanText(broken)).toBe(
      'Fars News Agency (2011/1390). Stephen Walt: American threats. Dec 25.\n\n' +
        '- Griffiths, Martin (2007). International Relations Theory for the Twenty-First Century. Routledge.',
    );
  });
});

describe('legitimate text is never deleted', () => {
  const legit = [
    'With the victory of the 1979 Islamic Revolution in Iran, movements emerged (Salimi and Ebrahimi, 2014/1393: 19).',
    'Theorists such as Stephen M. Walt and Robert Pape, Ph.D., wrote about the U.S. and e.g. NATO, ISIS and the IRGC.',
    'World War II ended in 1945; Henry VIII had six wives; agent 007 drove an AA-rated car.',
    'About 1 000 000 000 people live there, and 85% 90% 95% are the quartiles.',
    'ORCID (0000-0002-5849-2373) and 10000-0002-5139-6194 stay as printed.',
    'The formula $x^2 + y^2 = z^2$ holds, the variance is $\\sigma^2$ and the Δ between them is small.',
    'Keep it 50 cm above the ground: the hive, the frames and the bees (Apis mellifera).',
    'Сергей Шойгу встретился с Касемом Сулеймани в Москве.',
    'قاسم سليماني زار موسكو في تموز 2015.',
  ];
  for (const line of legit) it(`keeps "${line.slice(0, 40)}…"`, () => expect(cleanText(line)).toBe(line));

  // from SciFact abstracts: acronyms, gene and protein names, motifs and search wildcards look like glyph garbage
  const science = [
    'The ACC/AHA guidelines use a 10-year ASCVD risk threshold; LXXLL motifs and NIR-II imaging were studied.',
    'Exons 1, 2, 3, 5A, 5B, 5C, 6 and 11 were found; type III secretion systems (TTSS). TTSS damage cells.',
    'Core sequences (GAGG, GGAG and AGGA) and an expanded GGGGCC repeat bind CCCTC and TTTCCCGC sites.',
    'GABAA receptors, RAR-RXR heterodimers, CD25+CD4+CD8− thymocytes, II/III inhibitors and a [DOSAGE ERROR CORRECTED] note.',
    'Search terms were "cortico*," "*steroid*," and the colour #000000.',
  ];
  for (const line of science) it(`keeps "${line.slice(0, 40)}…"`, () => expect(cleanText(line)).toBe(line));

  const bench = path.resolve(import.meta.dirname, '../../../shared/bench');
  it.skipIf(!existsSync(bench))('removes nothing from a sample of held-out clean text (SciFact, SQuAD)', () => {
    const texts: string[] = readFileSync(path.join(bench, 'scifact/corpus.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l).text as string);
    const squad = JSON.parse(readFileSync(path.join(bench, 'squad-v1.1/dev-v1.1.json'), 'utf8'));
    for (const a of squad.data) for (const p of a.paragraphs) texts.push(p.context as string);
    const changed = texts.filter((_, i) => i % 4 === 0).filter((t) => Object.keys(cleanDocument([t]).stats.removed).length > 0);
    expect(changed).toEqual([]);
  });

  it('keeps every sentence of the two web articles except page furniture', () => {
    for (const name of [JPOST, AVDALIANI]) {
      const cleaned = cleanText(seed(name)).replace(/\s+/g, ' ');
      const furniture = /^(Pages|No comments:|Post a Comment|\(photo credit: REUTERS\))$/;
      for (const raw of seed(name).split('\n')) {
        const line = raw.replace(/\(photo credit: REUTERS\)|ץ/g, '').replace(/\s+/g, ' ').trim();
        if (!line || furniture.test(line)) continue;
        expect(cleaned, name).toContain(line);
      }
    }
  });

  it('keeps every sentence of the paper that has no extraction garbage in it', () => {
    const cleaned = cleanText(seed(ROOMI)).replace(/\s+/g, ' ');
    const garbage = /DD|000000|\$|\\|\^\{|ODOD|%|\*|[\u0590-\u06FF\u0370-\u03FF]/;
    let checked = 0;
    for (const raw of seed(ROOMI).split('\n')) {
      for (const sentence of raw.split(/(?<=[.!?])\s+(?=[A-Z])/)) {
        const s = sentence.replace(/\s+/g, ' ').trim();
        if (s.length < 20 || garbage.test(s)) continue;
        expect(cleaned).toContain(s);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(250);
  });
});

describe('page furniture and web chrome', () => {
  it('removes the photo credit and the repeated caption of the news article', () => {
    const raw = [
      'While Iran works at the local level to cultivate this expanded network, Russia uses its foreign policy tools to their benefitץ',
      '',
      'AN IMAGE of IRGC commander Qassem Soleimani. (photo credit: REUTERS)',
      'AN IMAGE of IRGC commander Qassem Soleimani.',
      '(photo credit: REUTERS)',
      'In July 2015, two months before Russia would commit air power in defense of Syria’s besieged President Bashar Assad.',
    ].join('\n');
    expect(cleanText(raw)).toBe(
      'While Iran works at the local level to cultivate this expanded network, Russia uses its foreign policy tools to their benefit\n\n' +
        'AN IMAGE of IRGC commander Qassem Soleimani.\n\n' +
        'In July 2015, two months before Russia would commit air power in defense of Syria’s besieged President Bashar Assad.',
    );
  });

  it('removes blog chrome lines but not sentences using the same words', () => {
    const raw = 'Pages\n\n4 December 2024\n\nShare this article\n\nReaders left no comments: the post was new.\n\nNo comments:\n\nPost a Comment';
    expect(cleanText(raw)).toBe('4 December 2024\n\nReaders left no comments: the post was new.');
  });

  it('removes running headers and page numbers of a paged document and records page spans', () => {
    const page = (n: number, body: string) => `Journal of Hydrology Notes, Vol. 12 (2021)\n${body}\n${n}`;
    const r = cleanDocument([page(1, 'First page text ends here.'), page(2, 'Second page text.'), page(3, 'Third page.')], { paged: true });
    expect(r.text).toBe('First page text ends here.\n\nSecond page text.\n\nThird page.');
    expect(r.pages).toEqual([
      { page: 1, start: 0, end: 28 },
      { page: 2, start: 28, end: 47 },
      { page: 3, start: 47, end: 58 },
    ]);
    expect(r.stats.removed['page furniture']).toBe(3 * 'Journal of Hydrology Notes, Vol. 12 (2021)'.length + 3);
    expect(r.stats.linesRemoved).toEqual({ 'page furniture': 6 });
    expect(r.stats.examples).toEqual({ 'page furniture': ['Journal of Hydrology Notes, Vol. 12 (2021)', '1', '2'] });
  });

  // Issue 22: Debian's Apache-2.0 licence laid out by reportlab (100 characters a line, 42 lines a page) repeats a
  // clause line at the foot of page 1 and the head of page 2; it was removed as a running header, and the line
  // after it as a copyright notice, so answers quoted "…irrevocable sublicense, and distribute the Work".
  const grant = 'hereby grants to You a perpetual, worldwide, non-exclusive, no-charge, royalty-free, irrevocable';
  const licencePages = [
    [
      'Apache License Version 2.0, January 2004 http://www.apache.org/licenses/',
      'TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION',
      '"Contributor" shall mean Licensor and any Legal Entity on behalf of whom a Contribution has been received.',
      '2. Grant of Copyright License. Subject to the terms and conditions of this License, each Contributor',
      grant,
      'copyright license to reproduce, prepare Derivative Works of, publicly display, publicly perform,',
      '1',
    ],
    [
      'sublicense, and distribute the Work and such Derivative Works in Source or Object form.',
      '3. Grant of Patent License. Subject to the terms and conditions of this License, each Contributor',
      grant,
      '(except as stated in this section) patent license to make, have made, use, offer to sell, sell.',
      '(c) You must retain, in the Source form of any Derivative Works that You distribute, all copyright',
      'notices from the Source form of the Work; and',
      '2',
    ],
    [
      'APPENDIX: How to apply the Apache License to your work.',
      'Copyright [yyyy] [name of copyright owner]',
      'Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in',
      'compliance with the License.',
      '3',
    ],
  ];

  it('keeps clause lines a licence repeats at the foot of one page and the head of the next', () => {
    const r = cleanDocument(licencePages.map((p) => p.join('\n')), { paged: true });
    const text = r.text.replace(/\s+/g, ' ');
    expect(text).toContain(
      `2. Grant of Copyright License. Subject to the terms and conditions of this License, each Contributor ${grant} copyright license to reproduce, prepare Derivative Works of, publicly display, publicly perform, sublicense, and distribute the Work and such Derivative Works in Source or Object form.`,
    );
    expect(text).toContain(`3. Grant of Patent License. Subject to the terms and conditions of this License, each Contributor ${grant} (except as stated`);
    expect(text).toContain('(c) You must retain, in the Source form of any Derivative Works that You distribute, all copyright notices');
    expect(text).toContain('Copyright [yyyy] [name of copyright owner]');
    // only the page numbers went, and they are counted
    expect(r.stats.linesRemoved).toEqual({ 'page furniture': 3 });
    expect(r.stats.removed).toEqual({ 'page furniture': 3 });
  });

  it('keeps copyright notices, which say who holds the rights', () => {
    for (const line of ['Copyright © 2013-2019 Free Software Foundation, Inc.', 'Copyright (c) 2004, 2005 by Mark Adler']) {
      expect(cleanText(`Body text of the page ends here.\n\n${line}`)).toBe(`Body text of the page ends here.\n\n${line}`);
    }
  });

  it('keeps a heading whose last words the next page repeats in a full sentence', () => {
    const r = cleanDocument(
      ['Text of the first page.\nAPPENDIX: How to apply the Apache License to your work.', 'To apply the Apache License to your work, attach the following boilerplate notice.'],
      { paged: true },
    );
    expect(r.text).toBe(
      'Text of the first page.\n\nAPPENDIX: How to apply the Apache License to your work.\n\nTo apply the Apache License to your work, attach the following boilerplate notice.',
    );
  });

  it('still removes a running header above a page whose sentence runs on from the page before', () => {
    const header = 'TAR(1) GNU TAR Manual TAR(1)';
    const r = cleanDocument(
      [
        `${header}\nNAME\ntar - an archiving utility\nTo create incremental archives of level N, create a copy of the snapshot file created during\nTAR July 13, 2020 1`,
        `${header}\nthe level N-1, and use it as FILE.\nWhen listing or extracting, the contents of FILE are not inspected.\nTAR July 13, 2020 2`,
      ],
      { paged: true },
    );
    expect(r.text).not.toContain('TAR(1)');
    expect(r.text).not.toContain('July');
    expect(r.text).toContain('created during the level N-1, and use it as FILE.');
    expect(r.stats.linesRemoved).toEqual({ 'page furniture': 4 });
  });
});

describe('layout', () => {
  it('rejoins hard-wrapped PDF lines and hyphenated words, keeping headings and list items apart', () => {
    const lines = [
      'Aquifers under dry climates are refilled mostly through ephemeral river beds. The',
      'Karoo basin offers a long record of piezometric observations, which makes it a use-',
      'ful case for testing recharge models against measured water-table rises in the area.',
      'Earlier estimates relied on chloride mass balance alone, which was criticised widely.',
      'Methods',
      'We combined chloride mass balance with water-table fluctuation at fourteen wells. The',
      'wells were sampled monthly from March 2009 to February 2019 by two field teams.',
      '- the first list item',
      '- the second list item',
    ];
    expect(cleanDocument([lines.join('\n')], { paged: true }).text).toBe(
      'Aquifers under dry climates are refilled mostly through ephemeral river beds. The Karoo basin offers a long record of piezometric observations, which makes it a useful case for testing recharge models against measured water-table rises in the area. Earlier estimates relied on chloride mass balance alone, which was criticised widely.\n\n' +
        'Methods\n\n' +
        'We combined chloride mass balance with water-table fluctuation at fourteen wells. The wells were sampled monthly from March 2009 to February 2019 by two field teams.\n\n' +
        '- the first list item\n- the second list item',
    );
  });

  it('keeps a numbered section heading apart from the paragraph before it, even one ending in a question mark', () => {
    const lines = [
      'Aquifers under dry climates are refilled mostly through ephemeral river beds, as the long',
      'record of piezometric observations in the Karoo basin shows for the whole of the area.',
      'This is version 0.21 of the groundwater specification, last updated 2 October 2018.',
      '1.2. What is this spec?',
      'Many programs and desktops use the recharge tables to represent the state of an aquifer.',
      'Frequently, it is necessary to work out the correct recharge for a well from its record.',
    ];
    const text = cleanDocument([lines.join('\n')], { paged: true }).text;
    expect(text).toContain('last updated 2 October 2018.\n\n1.2. What is this spec?\n\nMany programs');
  });

  it('joins a paragraph split by a page break and drops text repeated across the break', () => {
    const raw = [
      'the radical revolutionary slogans created as much anxiety among the states, giving way to Iran’s',
      '',
      'isolation. In practice, Iran had confronted the international system.',
      '',
      'In their view, states answered. Theorists such as Stephen M. Walt and Robert Pape have sought',
      '',
      'Theorists such as Stephen M. Walt and Robert Pape have sought to adapt neorealism.',
    ].join('\n');
    expect(cleanText(raw)).toBe(
      'the radical revolutionary slogans created as much anxiety among the states, giving way to Iran’s isolation. In practice, Iran had confronted the international system.\n\n' +
        'In their view, states answered.\n\n' +
        'Theorists such as Stephen M. Walt and Robert Pape have sought to adapt neorealism.',
    );
  });

  // issue 22: lines without a final full stop were merged into the next sentence, so citations of one line began
  // with another ("NAME tar - an archiving utility", "…option. -r, --append", "yaml.load(…) yaml.dump(…)")
  it("keeps a man page's capitals labels and option terms apart from the wrapped text around them", () => {
    const lines = [
      'NAME',
      'tar - an archiving utility',
      'DESCRIPTION',
      'GNU tar is an archiving program designed to store multiple files in a single file (an archive), and to',
      'manipulate such archives. The archive can be either a regular file or a device (e.g. a tape drive, hence',
      'the name of the program, which stands for tape archiver), which can be located either on the local or on',
      'a remote machine. Meaning of non-optional arguments depends on the operation mode requested by the user.',
      '-A, --catenate, --concatenate',
      'Append archive to the end of another archive. The arguments are treated as the names of archives to',
      'append. All archives must be of the same format as the archive they are appended to, otherwise the',
      'resulting archive might be unusable with non-GNU implementations of tar, and this is an eighty char line.',
      'SEE ALSO',
      'bzip2(1), compress(1), gzip(1), lzma(1), lzop(1), rmt(8), symlink(7), xz(1), zstd(1).',
    ];
    expect(cleanDocument([lines.join('\n')], { paged: true }).text.split('\n\n')).toEqual([
      'NAME',
      'tar - an archiving utility',
      'DESCRIPTION',
      lines.slice(3, 7).join(' '),
      '-A, --catenate, --concatenate',
      lines.slice(8, 11).join(' '),
      'SEE ALSO',
      lines[12],
    ]);
  });

  it('joins the justified lines of a plain-text man page and the words groff hyphenated across them', () => {
    // `man -P cat gzip`: justified to the line width with doubled spaces, hyphenated with U+2010
    const raw = [
      'DESCRIPTION',
      '       The  gzip  command reduces the size of the named files using Lempel-Ziv',
      '       coding (LZ77).  Whenever possible, each file is replaced  by  one  with',
      '       the  extension  .gz, while keeping the same ownership modes, access and',
      '       modification times.  The gzip command will only attempt to compress reg\u2010',
      '       ular files.',
      '',
      '              When  you  synchronize  a compressed file between two computers,',
      '              this option allows  rsync  to  transfer  only  files  that  were',
      '              changed in the archive instead of the entire archive.',
    ].join('\n');
    expect(cleanText(raw).split('\n\n')).toEqual([
      'DESCRIPTION',
      'The gzip command reduces the size of the named files using Lempel-Ziv coding (LZ77). Whenever possible, each file is replaced by one with the extension .gz, while keeping the same ownership modes, access and modification times. The gzip command will only attempt to compress regular files.',
      'When you synchronize a compressed file between two computers, this option allows rsync to transfer only files that were changed in the archive instead of the entire archive.',
    ]);
  });

  it('keeps code lines and plain-text table rows as written, one a line', () => {
    const code = ['yaml.load(stream, Loader=yaml.CLoader)', 'yaml.dump(data, Dumper=yaml.CDumper)'];
    const raw = `When LibYAML bindings are installed, you may use them as follows\n${code.join('\n')}\nThat is all.`;
    expect(cleanDocument([raw], { preformatted: code }).text).toBe(
      `When LibYAML bindings are installed, you may use them as follows\n\n${code.join('\n')}\n\nThat is all.`,
    );
    // dpkg's triggers.txt: a table whose rows start in lowercase
    const table = '  Status      Pending   Awaited   Satisfies  Remedy\n              triggers  triggers  Depends\n  unpacked    never      maybe    No    postinst configure';
    expect(cleanText(`Details - Overview table\n\n${table}`)).toBe(
      'Details - Overview table\n\nStatus Pending Awaited Satisfies Remedy\ntriggers triggers Depends\nunpacked never maybe No postinst configure',
    );
  });

  it('keeps paragraph breaks and normalises spacing and invisible characters', () => {
    expect(cleanText('  One\u00a0paragraph  here.\r\n\r\n\r\nTwo\u200b para\u00adgraphs.\t \n')).toBe('One paragraph here.\n\nTwo paragraphs.');
    // Windows-1252 punctuation that was decoded as Latin-1 (invisible C1 controls) and PDF ligatures
    expect(cleanText('\u0093The \ufb01rst \ufb02oor\u0094 \u0096 \u0080 5.')).toBe('“The first floor” – € 5.');
  });
});

describe('the seed files', () => {
  it('removes measurable garbage from the paper and little from the articles', () => {
    const paper = cleanDocument([seed(ROOMI)]);
    expect(paper.stats.removed['glyph runs']).toBeGreaterThan(700);
    expect(paper.stats.removed['glyph math']).toBeGreaterThan(250);
    expect(paper.text).not.toMatch(/000000|\\[A-Za-z]|\$|\*\*|\^\{/);
    // the body is free of glyph runs; a few short fragments of broken URLs stay in the references
    expect(paper.text.slice(0, paper.text.indexOf('\n\nReferences\n\n'))).not.toMatch(/DD|ODOD/);
    const jpost = cleanDocument([seed(JPOST)]);
    expect(Object.keys(jpost.stats.removed).sort()).toEqual(['duplicates', 'photo credits', 'stray glyphs']);
    expect(jpost.text).not.toMatch(/photo credit|ץ/);
  });
});
