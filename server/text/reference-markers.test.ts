import { describe, expect, it } from 'vitest';
import { withoutReferenceMarkers } from './reference-markers.js';

describe('withoutReferenceMarkers', () => {
  it('drops numbered references, their ranges and lists, and keeps the punctuation after them', () => {
    expect(withoutReferenceMarkers('It is enabled by default since version 0.12.0 (2014-10-09)[10]–[13].')).toBe(
      'It is enabled by default since version 0.12.0 (2014-10-09).',
    );
    expect(
      withoutReferenceMarkers('Since version 0.1 (2012-01-20)[21], [22], but has regressed since then[23]–[25], and enforced since 1.8.0[25].'),
    ).toBe('Since version 0.1 (2012-01-20), but has regressed since then, and enforced since 1.8.0.');
    expect(withoutReferenceMarkers('As shown earlier [4, 7], the bound holds [9–11].')).toBe('As shown earlier, the bound holds.');
  });

  it('leaves brackets that are not numbered references', () => {
    for (const s of ['Set the flag [-s] to keep it.', 'The year 2015 [sic] was cited.', 'No markers here.']) expect(withoutReferenceMarkers(s)).toBe(s);
  });
});
