import { describe, expect, it } from 'vitest';
import { jsonArrayLines, parseJsonArray } from './json-array-lines.js';

const items = [{ a: 1, text: 'line one\nline two, with a comma,' }, { b: '[' }, { c: ']' }, 'plain', 42];
const bytes = (s: string) => new TextEncoder().encode(s);
const written = [...jsonArrayLines(items)].join('');

describe('JSON arrays one element per line', () => {
  it('is one JSON text, with each element on its own line', () => {
    expect(JSON.parse(written)).toEqual(items);
    expect(written.split('\n')).toHaveLength(items.length + 3);
    expect([...jsonArrayLines([])].join('')).toBe('[\n]\n');
  });

  it('reads back the same elements whole or line by line (the path of files over 256 MB)', () => {
    expect(parseJsonArray(bytes(written), 'x.json')).toEqual(items);
    expect(parseJsonArray(bytes(written), 'x.json', 0)).toEqual(items);
    expect(parseJsonArray(bytes('[\n]\n'), 'x.json', 0)).toEqual([]);
  });

  it('still reads a store written as one line by earlier versions', () => {
    expect(parseJsonArray(bytes(JSON.stringify(items)), 'x.json')).toEqual(items);
  });

  it('refuses a truncated or malformed file with its name and line', () => {
    const cut = written.slice(0, written.lastIndexOf(']'));
    expect(() => parseJsonArray(bytes(cut), 'chunks.json', 0)).toThrow(/chunks\.json ends before the array does/);
    expect(() => parseJsonArray(bytes(cut), 'chunks.json')).toThrow(SyntaxError);
    expect(() => parseJsonArray(bytes('[\n{"a":\n]\n'), 'chunks.json', 0)).toThrow(/chunks\.json line 2/);
    expect(() => parseJsonArray(bytes('{"a":1}'), 'chunks.json')).toThrow(/not a JSON array/);
  });
});
