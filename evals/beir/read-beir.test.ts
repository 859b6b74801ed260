import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BeirFormatError, parseBeirCorpus, parseQrels, readBeir } from './read-beir.js';

describe('read-beir', () => {
  it('parses corpus lines, unescaping \\u sequences', () => {
    expect(parseBeirCorpus('{"_id": "7", "title": "T\\u00e9st", "text": "body", "metadata": {}}\n\n')).toEqual([
      { id: '7', title: 'Tést', text: 'body' },
    ]);
  });

  it('parses CRLF qrels with a header and drops zero grades', () => {
    const q = parseQrels('query-id\tcorpus-id\tscore\r\n1\t31715818\t1\r\n1\t99\t0\r\n3\t14717500\t2\r\n');
    expect([...q].map(([k, v]) => [k, [...v]])).toEqual([
      ['1', [['31715818', 1]]],
      ['3', [['14717500', 2]]],
    ]);
  });

  it('names the file and line of a malformed row', () => {
    expect(() => parseBeirCorpus('{"_id": "1"}\n{oops', 'corpus.jsonl')).toThrow(/corpus.jsonl line 2/);
    expect(() => parseQrels('query-id\tcorpus-id\tscore\n1\t2\n', 'qrels/test.tsv')).toThrow(BeirFormatError);
  });

  it('reads a folder: only the split’s queries, in qrels order', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'beir-'));
    await mkdir(path.join(dir, 'qrels'));
    await writeFile(path.join(dir, 'corpus.jsonl'), '{"_id": "d1", "title": "A", "text": "x"}\n');
    await writeFile(path.join(dir, 'queries.jsonl'), '{"_id": "q1", "text": "one"}\n{"_id": "q2", "text": "two"}\n');
    await writeFile(path.join(dir, 'qrels', 'test.tsv'), 'query-id\tcorpus-id\tscore\r\nq2\td1\t1\r\n');
    const ds = await readBeir(dir);
    expect(ds.queries).toEqual([{ id: 'q2', text: 'two' }]);
    expect(ds.corpus).toHaveLength(1);
  });
});
