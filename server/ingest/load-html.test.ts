import { describe, expect, it } from 'vitest';
import { loadHtml } from './load-html.js';

describe('HTML loader', () => {
  it('honours the declared charset of a page that is not UTF-8', () => {
    const html = '<html><head><meta charset="windows-1252"><title>Caf\xe9 \x93Noir\x94</title></head><body><p>Cr\xe8me br\xfbl\xe9e \x96 \x8010.</p></body></html>';
    const doc = loadHtml(Buffer.from(html, 'latin1'));
    expect(doc.pages[0]).toBe('Crème brûlée – €10.');
    expect(doc.meta.title).toBe('Café “Noir”');
    expect(doc.warnings).toHaveLength(1);
  });

  it('keeps an article header (title, byline) but drops the site header, and reads tables and line breaks', () => {
    const html = `<body><header><a>Site</a> <a>Login</a></header>
      <article><header><h1>Budget 2024</h1><p class="byline">By A. Writer</p></header>
      <p>Line one<br>line two</p>
      <table><tr><th>Year</th><th>Total</th></tr><tr><td>2024</td><td>1.2 bn</td></tr></table>
      <div class="social-share">Share</div><section class="comments"><p>Nice!</p></section></article></body>`;
    const doc = loadHtml(new TextEncoder().encode(html));
    expect(doc.pages[0]).toBe('Budget 2024\n\nBy A. Writer\n\nLine one\nline two\n\nYear | Total\n2024 | 1.2 bn');
    expect(doc.headings).toEqual(['Budget 2024']);
    expect(doc.meta.title).toBe('Budget 2024');
  });

  it('drops Sphinx permalink anchors from headings and keeps a list item with its paragraph (issue 22)', () => {
    const html = `<body><div class="section"><h1>Debian Python Policy<a class="headerlink" href="#debian-python-policy" title="Permalink to this heading">¶</a></h1>
      <dl><dt>Authors:</dt><dd><ul><li><p>Neil Schemenauer</p></li><li><p>Matthias Klose</p></li></ul></dd></dl>
      <ol><li><p>Applications should use Python 3.</p></li><li></li><li><p>Libraries too.</p><p>Second paragraph.</p></li></ol>
      <p>See <a href="#x">#</a> and <a href="https://example.org/">§</a>.</p></div></body>`;
    const doc = loadHtml(new TextEncoder().encode(html));
    expect(doc.headings).toEqual(['Debian Python Policy']);
    expect(doc.meta.title).toBe('Debian Python Policy');
    expect(doc.pages[0]).toBe(
      'Debian Python Policy\n\nAuthors:\n\n- Neil Schemenauer\n- Matthias Klose\n\n1. Applications should use Python 3.\n3. Libraries too.\nSecond paragraph.\n\nSee and §.',
    );
  });

  it('drops footnote markers, which would glue to the word before, and keeps exponents', () => {
    // the markup of rustc's book (mdBook) and of Wikipedia
    const html = `<body><main><p>Built for the AMD64 architecture.<sup class="footnote-reference" id="fr-1"><a href="#footnote-1">1</a></sup> All examples
      use nightly builds.</p><p>Paris is the capital<sup id="cite_ref-2" class="reference"><a href="#cite_note-2">[2]</a></sup> and E = mc<sup>2</sup>.</p></main></body>`;
    expect(loadHtml(new TextEncoder().encode(html)).pages[0]).toBe('Built for the AMD64 architecture. All examples use nightly builds.\n\nParis is the capital and E = mc2.');
  });

  it("reads a DocBook byline as the document's authors, not as section headings", () => {
    // base-passwd's users-and-groups.html (DocBook, upper-case tags)
    const html = `<BODY><DIV CLASS="TITLEPAGE"><H1 CLASS="TITLE"><A NAME="AEN2">Users and Groups in the Debian System</A></H1>
      <H3 CLASS="AUTHOR"><A NAME="AEN6"></A>Joey Hess</H3><H3 CLASS="AUTHOR"><A NAME="AEN10"></A>Colin Watson</H3>
      <P CLASS="COPYRIGHT">Copyright &copy; 2001, 2002 Joey Hess</P></DIV><H1>Chapter 1. Introduction</H1><P>Some text.</P></BODY>`;
    const doc = loadHtml(new TextEncoder().encode(html));
    expect(doc.meta.authors).toEqual(['Joey Hess', 'Colin Watson']);
    expect(doc.headings).toEqual(['Users and Groups in the Debian System', 'Chapter 1. Introduction']);
  });

  it("puts a definition list's term at the head of its definition", () => {
    const html = `<body><main><DL><DT>shadow</DT><DD><P>/etc/shadow is readable by this group.</P></DD>
      <DT>utmp</DT><DD><P>This group can write to <TT>/run/utmp</TT>. Programs that write to it are setgid utmp.</P></DD>
      <dt>-c, --stdout</dt><dd>Write output on standard output.</dd></DL></main></body>`;
    expect(loadHtml(new TextEncoder().encode(html)).pages[0].split('\n\n')).toEqual([
      'shadow: /etc/shadow is readable by this group.',
      'utmp: This group can write to /run/utmp. Programs that write to it are setgid utmp.',
      '-c, --stdout: Write output on standard output.',
    ]);
  });
});
