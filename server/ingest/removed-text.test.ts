import { describe, expect, it } from 'vitest';
import { cleanDocument } from './clean.js';
import { describeRemovedText, removedTextOf } from './removed-text.js';

describe('removed text in the ingest report', () => {
  it('names each reason with its lines, or characters for pieces of lines, and examples', () => {
    const stats = cleanDocument(['Header of the report\nFirst page **text** here.\n1', 'Header of the report\nSecond page text.\n2'], { paged: true }).stats;
    const r = removedTextOf('report.pdf', stats)!;
    expect(r).toEqual({
      relPath: 'report.pdf',
      lines: { 'page furniture': 4 },
      chars: { markup: 4, 'page furniture': 2 * 'Header of the report'.length + 2 },
      examples: { 'page furniture': ['Header of the report', '1', '2'] },
    });
    expect(describeRemovedText(r)).toBe(
      'report.pdf: removed 4 characters of markup; 4 lines of page furniture (e.g. "Header of the report", "1", "2")',
    );
  });

  it('reports nothing for a file cleaning left as it was', () => {
    expect(removedTextOf('note.txt', cleanDocument(['Nothing to remove here.']).stats)).toBeNull();
  });
});
