// Questions about a document itself, and about the corpus as a whole, through the whole engine: the seed corpus plus
// three real Debian documents that come without metadata records (fixtures/debian/README.md), the GPL as a .docx.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChatResponse } from '../contract.js';
import { docxEntries, makeZip, paragraph } from '../ingest/testing/make-zip.js';
import { useSeedEngine } from '../testing/seed-engine.js';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, 'fixtures', 'debian', name));
const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const gplParagraphs = fixture('gpl-3.txt')
  .toString('utf8')
  .split(/\n\s*\n/)
  .map((p) => p.replace(/\s+/g, ' ').trim())
  .filter(Boolean);

const seed = useSeedEngine(
  {},
  {
    // a file name that does not say "GPL": the question must find it by its title
    'license.docx': await makeZip(docxEntries({ body: gplParagraphs.map((p) => paragraph(xml(p))).join('') })),
    'python-policy.html': fixture('python-policy.html'),
    'users-and-groups.html': fixture('users-and-groups.html'),
  },
);

const ROOMI = 'resistance-axis-iran-regional-policy-roomi';
const ask = (question: string) => seed.engine.chat({ question, history: [] });
const cited = (r: ChatResponse) => r.citations.map((c) => c.docId);

describe('questions about one document', () => {
  it('are answered about the document the question names: the GPL by its initials, not a document that mentions it', async () => {
    // the date is the one its title line prints, which the ingest puts in its record
    const r = await ask('When was the GPL document published?');
    expect(r.answer).toBe('“GNU GENERAL PUBLIC LICENSE Version 3, 29 June 2007” was published on 29 June 2007. [1]');
    expect(cited(r)).toEqual(['license']);
    expect(r.citations[0]).toMatchObject({ supported: true, isMetadata: true });
  });

  it('name the authors a manual lists in its text when its record names none, citing those lines', async () => {
    const policy = await ask('Who are the authors of the Debian Python Policy?');
    expect(policy.abstained).toBe(false);
    expect(policy.answer).toBe(
      'The text of “Debian Python Policy 0.12.0.0 documentation” names as its authors Neil Schemenauer, Matthias Klose, Gregor Hoffleit, ' +
        'Josselin Mouette, Joe Wreschnig, Loïc Minier, Scott Kitterman, Barry Warsaw, Ben Finney, Neil Williams and Stefano Rivera. [1]',
    );
    const [c] = policy.citations;
    expect(c).toMatchObject({ docId: 'python-policy', supported: true });
    expect(c.isMetadata).toBeUndefined();
    // the passage is the document's own lines, where its offsets say
    const doc = seed.engine.getDocument('python-policy');
    expect(doc.text.slice(c.start, c.end)).toBe(c.text);
    expect(c.text).toMatch(/^Authors:\n[^]*Stefano Rivera <stefanor@debian\.org>$/);

  });

  it("name the authors of a DocBook manual's byline, which the ingest reads into its record", async () => {
    const users = await ask('Who wrote the document on users and groups in the Debian system?');
    expect(users.answer).toBe('“Users and Groups in the Debian System” was written by Joey Hess, Colin Watson and David Mandelberg. [1]');
    expect(users.citations[0]).toMatchObject({ docId: 'users-and-groups', supported: true, isMetadata: true });
  });

  it('name only the corresponding author when that is asked, from the mark beside the name', async () => {
    const r = await ask('Who is the corresponding author of the Roomi paper?');
    expect(r.answer).toBe('Ehsan Kazemi is the corresponding author. [1]');
    expect(r.citations[0]).toMatchObject({ docId: ROOMI, supported: true });
    expect(r.citations[0].text).toMatch(/^Ehsan Kazemi\n[^]*\(Corresponding author\)\. e\.kazemi@scu\.ac\.ir$/);
  });

  it('do not call a record value that is no publisher ("research paper, pp. 521-542") a publisher', async () => {
    const r = await ask('Which journal published the Roomi paper?');
    expect(r.answer).toBe('The corpus does not record who published “The Resistance Axis and the Islamic Republic of Iran\'s Regional Policy: Challenges and Opportunities”.');
    expect([r.abstained, r.citations]).toEqual([true, []]);
    // a real publisher is still named
    const jpost = await ask('Where was the op-ed about Soleimani and the convergence of Russia and Iran published?');
    expect(jpost.answer).toMatch(/was published by The Jerusalem Post \(Opinion\)\. \[1\]$/);
  });
});

describe('questions about the corpus as a whole', () => {
  const ids = ['python-policy', 'license', 'russia-iran-converge-soleimani-jpost', 'russia-ties-axis-of-resistance-avdaliani-2024', ROOMI, 'users-and-groups'];

  it('list every document with its authors and date, one citation of its record each', async () => {
    const r = await ask('Which documents are in the corpus?');
    expect(r.abstained).toBe(false);
    expect(cited(r)).toEqual(ids);
    expect(r.citations.every((c) => c.isMetadata && c.supported)).toBe(true);
    expect(r.answer).toContain('The corpus holds 6 documents.');
    expect(r.answer).toContain('“Russia Increases Ties With Iran\'s Axis Of Resistance – Analysis”, by Emil Avdaliani, published on 4 December 2024. [4]');
    expect(r.answer).toContain('“Users and Groups in the Debian System”, by Joey Hess, Colin Watson and David Mandelberg. [6]');
  });

  it('say who wrote each document, from its record or its text', async () => {
    const r = await ask('Who wrote the documents?');
    expect(cited(r)).toEqual(ids);
    expect(r.answer).toContain('“Russia Increases Ties With Iran\'s Axis Of Resistance – Analysis” was written by Emil Avdaliani. [4]');
    expect(r.answer).toContain('“Users and Groups in the Debian System” was written by Joey Hess, Colin Watson and David Mandelberg. [6]');
    expect(r.answer).toContain('“GNU GENERAL PUBLIC LICENSE Version 3, 29 June 2007” does not name its author. [2]');
  });

  it('say what the collection is about: what each document opens with, quoted and cited', async () => {
    const r = await ask('What is this collection about?');
    expect(cited(r)).toEqual(ids);
    expect(r.citations.every((c) => !c.isMetadata && c.supported)).toBe(true);
    expect(r.answer).toContain(
      '“Debian Python Policy 0.12.0.0 documentation”: This document describes the packaging of Python within the Debian GNU/Linux distribution and the policy requirements for packaged Python programs and modules. [1]',
    );
    expect(r.answer).toContain('“Users and Groups in the Debian System”: The Debian base-passwd package contains the master versions of /etc/passwd and /etc/group. [6]');
  });

  it('say which document is the most recent, from the dates of the records, each date cited', async () => {
    const r = await ask('Which of the documents was published most recently?');
    expect(r.abstained).toBe(false);
    expect(r.answer).toMatch(/^Of the \d documents with a date in their records, the most recent is “Russia Increases Ties With Iran's Axis Of Resistance – Analysis”\./);
    expect(r.answer).toContain('“Russia Increases Ties With Iran\'s Axis Of Resistance – Analysis” was published on 4 December 2024. [1]');
    expect(r.citations.every((c) => c.isMetadata && c.supported)).toBe(true);
    const oldest = await ask('Which is the oldest document?');
    expect(oldest.answer).toMatch(/^Of the \d documents with a date in their records, the oldest is “GNU GENERAL PUBLIC LICENSE Version 3, 29 June 2007”\./);
  });

  it('leave questions about the content alone', async () => {
    const r = await ask('Who wrote the letter to Putin?');
    expect(r.answer).not.toMatch(/The corpus holds|names as its authors|was written by/);
    expect(r.citations.some((c) => c.isMetadata)).toBe(false);
  });
});
