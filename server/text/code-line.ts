// Is a line of text a line of code (a program, a shell command, a configuration line) rather than prose? Code is
// quoted as written when it answers ("#define CHUNK 16384", "yaml.safe_load(stream)"), so the answerer must not
// take it for extraction garbage, which also has symbols and few words. Signals are syntax that prose does not
// write and garbage does not produce: a preprocessor directive, a comment opener, a statement's ending, a call
// written without a space before its bracket, an interpreter's prompt.

const PREPROCESSOR = /^#\s*(?:include|define|undef|if|ifdef|ifndef|elif|else|endif|pragma|error)\b/;
const COMMENT = /^(?:\/\/|\/\*|\*\/)|\*\/$/;
const PROMPT = /^(?:\$|>>>|%|#)\s+\S/;
/** `name(…)` or `a.b.c(…)` opening the line, and the line ending with the call (or `;`, `{`) */
const CALL = /^(?:[\p{L}_][\w*]*\s+){0,2}[\p{L}_$][\w$]*(?:\.[\p{L}_$][\w$]*)*\([^()]*(?:\([^()]*\)[^()]*)*\)\s*[;{]?$/u;
/** a declaration or statement: short, ends with `;` `{` `}` and holds code punctuation or is "type name;" */
const STATEMENT = /[;{}]$/;
/** operators, subscripts, pointers, snake_case, a call's bracket — not a plural's "(s)" */
const CODE_PUNCTUATION = /[=[\]*&<>]|\w_\w|[\w\]]\((?!\p{Ll}{1,2}\))|^[{}]|^(?:return|break|continue|goto)\b/u;
/** "int ret, flush;", "unsigned have;", "z_stream strm;" */
const DECLARATION = /^(?:(?:int|char|unsigned|signed|long|short|float|double|void|const|static|struct|bool|size_t|var|let|auto)\b|\w+_\w*\s)[\w\s,*]*;$/;

export function isCodeLine(line: string): boolean {
  const t = line.trim();
  if (!t || t.length > 200 || !/\p{L}/u.test(t)) return false;
  if (PREPROCESSOR.test(t) || COMMENT.test(t) || PROMPT.test(t)) return true;
  const tokens = t.split(/\s+/);
  // prose brackets words with spaces around them; a call has none before its "(" ("Contribution(s) alone…" has more words)
  if (CALL.test(t) && tokens.length <= 8 && !/\(\p{Ll}\)/u.test(t)) return true;
  return STATEMENT.test(t) && tokens.length <= 8 && (CODE_PUNCTUATION.test(t) || DECLARATION.test(t));
}
