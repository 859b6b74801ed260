import { describe, expect, it } from 'vitest';
import { authorsInText, personName } from './authors-in-text.js';

const doc = (title: string, lines: string[]) => ({ title, text: lines.join('\n\n') });
const spanOf = (d: { text: string }, r: { start: number; end: number } | null | undefined) => (r ? d.text.slice(r.start, r.end) : null);

describe('authorsInText', () => {
  it('reads a byline, and "Corresponding author:" as the corresponding author', () => {
    const d = doc('Groundwater in Dry Regions', [
      'Groundwater in Dry Regions',
      'By Ana Lima, Tom Reyes and J. Okafor',
      'Corresponding author: Tom Reyes, tom@example.org',
      'Wells in the Sahel have fallen by a third since the drought of the 1980s, and the fall has not slowed since then.',
    ]);
    const a = authorsInText(d)!;
    expect(a.authors).toEqual(['Ana Lima', 'Tom Reyes', 'J. Okafor']);
    expect(spanOf(d, a)).toBe('By Ana Lima, Tom Reyes and J. Okafor\n\nCorresponding author: Tom Reyes, tom@example.org');
    expect(a.corresponding?.name).toBe('Tom Reyes');
  });

  it('reads name lines under the title with affiliations between them, and an asterisk marking the corresponding one', () => {
    const d = doc('Night Trains and the Return of Slow Travel', [
      'Night Trains and the Return of Slow Travel',
      'Prof. Maria van der Berg',
      'Department of Geography, University of Utrecht',
      'Jonas Keller*',
      'Institute for Transport Studies, ETH Zurich, keller@ethz.ch',
      '* Corresponding author',
      'Abstract',
      'Night trains returned to Europe after 2016, when several operators began running sleeper services again.',
    ]);
    const a = authorsInText(d)!;
    expect(a.authors).toEqual(['Maria van der Berg', 'Jonas Keller']);
    expect(a.corresponding?.name).toBe('Jonas Keller');
    expect(spanOf(d, a.corresponding)).toBe('Jonas Keller*\n\nInstitute for Transport Studies, ETH Zurich, keller@ethz.ch\n\n* Corresponding author');
  });

  it('finds none in an article that names no writer, nor in headings and photo credits', () => {
    expect(
      authorsInText(
        doc('Russia and Iran converge', [
          'Russia and Iran converge',
          'AN IMAGE of IRGC commander Qassem Soleimani. (photo credit: REUTERS)',
          'Table of Contents',
          'In July 2015, two months before Russia would commit air power in defense of Syria, a general flew to Moscow.',
        ]),
      ),
    ).toBeNull();
  });
});

describe('personName', () => {
  it('takes off emails, ORCID numbers, titles and footnote marks, and refuses words that are not names', () => {
    expect(personName('Neil Schemenauer <nas@debian.org>')).toBe('Neil Schemenauer');
    expect(personName('- Matthias Klose <doko@debian.org>')).toBe('Matthias Klose');
    expect(personName('Zinat Al-Sadat Motahari (0000-0002-5139-6194)')).toBe('Zinat Al-Sadat Motahari');
    expect(personName('Dr. Emil Avdaliani')).toBe('Emil Avdaliani');
    expect(personName('Loïc Minier¹')).toBe('Loïc Minier');
    for (const line of ['Research paper', 'Table of Contents', 'Chapter 1. Introduction', 'Users and Groups', 'Ahvaz, Iran', 'Prince']) {
      expect([line, personName(line)]).toEqual([line, null]);
    }
  });
});
