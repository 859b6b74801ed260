import { describe, expect, it } from 'vitest';
import { isCodeLine } from './code-line.js';

describe('isCodeLine', () => {
  it('recognises lines of C, Python, shell and configuration (zlib, PyYAML, tar manuals)', () => {
    const code = [
      '#define CHUNK 16384',
      '#include <stdio.h>',
      '# define SET_BINARY_MODE(file) setmode(fileno(file), O_BINARY)',
      '/* Compress from file source to file dest until EOF on source.',
      'unsigned char in[CHUNK];',
      'int ret, flush;',
      'z_stream strm;',
      'int def(FILE *source, FILE *dest, int level)',
      'ret = deflate(&strm, flush); /* no bad return value */',
      'yaml.safe_load(stream)',
      '>>> yaml.dump(data, Dumper=yaml.CDumper)',
      '$ tar cfv etc.tar /etc',
      'return Z_OK;',
      '}',
    ];
    expect(code.filter((l) => !isCodeLine(l))).toEqual(['}']);
  });

  it('leaves prose, headings, list items and extraction garbage alone', () => {
    const prose = [
      'CHUNK is simply the buffer size for feeding data to and pulling data from the zlib routines.',
      'Contribution(s) alone or by combination of their Contribution(s) with the Work;',
      '(unless the trigger has been configured to not require it);',
      'notices from the Source form of the Work; and',
      '* Explicit triggers. These can be activated by any program.',
      'Python Interpreter',
      'See PEP 394 for details.',
      'DDD DDD DDDDDDDD DD',
      '000000000 00000000',
      String.raw`\YT&FTT\.\T3+.Y.T\.&.F.`,
      'the packages(s) are added to the list;',
    ];
    expect(prose.filter(isCodeLine)).toEqual([]);
  });
});
