import { describe, expect, it } from 'vitest';
import { readDocxProperties } from './read-docx-properties.js';
import { makeZip } from './testing/make-zip.js';

const core = (fields: string) =>
  makeZip([{ name: 'docProps/core.xml', body: `<?xml version="1.0"?><cp:coreProperties xmlns:cp="x" xmlns:dc="y" xmlns:dcterms="z">${fields}</cp:coreProperties>` }]);

describe('readDocxProperties', () => {
  it('reads title, authors (; separated) and the creation date', async () => {
    const meta = await readDocxProperties(
      await core('<dc:title>Tides &amp; Marshes</dc:title><dc:creator>Mira Jensen; Ola Berg</dc:creator><dcterms:created xsi:type="W3CDTF">2022-05-01T12:00:00Z</dcterms:created>'),
    );
    expect(meta).toEqual({ title: 'Tides & Marshes', authors: ['Mira Jensen', 'Ola Berg'], date: '2022-05-01' });
  });

  it('leaves out what Word fills in by itself: placeholder titles and account names', async () => {
    expect(await readDocxProperties(await core('<dc:title>Document1</dc:title><dc:creator>Administrator</dc:creator>'))).toEqual({});
    expect(await readDocxProperties(await core('<dc:title>report-final.docx</dc:title><dc:creator>Microsoft Office User</dc:creator>'))).toEqual({});
    // no properties part, or not a package at all: nothing, no error
    expect(await readDocxProperties(await makeZip([{ name: 'word/document.xml', body: '<w:document/>' }]))).toEqual({});
    expect(await readDocxProperties(new Uint8Array([1, 2, 3]))).toEqual({});
  });
});
