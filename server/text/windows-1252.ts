// Windows-1252, the encoding "ANSI" editors save. Node's TextDecoder treats the label as ISO-8859-1 and turns
// bytes 0x80–0x9F into invisible C1 control characters instead of the characters Windows put there (“ ” ‘ ’ – — € …),
// so those 27 are mapped here. (WHATWG maps the five unassigned bytes to the C1 control of the same value; so do we.)
const HIGH: Record<number, string> = {
  0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡', 0x88: 'ˆ', 0x89: '‰', 0x8a: 'Š',
  0x8b: '‹', 0x8c: 'Œ', 0x8e: 'Ž', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—',
  0x98: '˜', 0x99: '™', 0x9a: 'š', 0x9b: '›', 0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ',
};

/** Replaces C1 control characters (text decoded as Latin-1 that was really Windows-1252) with what was meant. */
export function fixC1Controls(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (c) => HIGH[c.charCodeAt(0)] ?? c);
}

export function decodeWindows1252(bytes: Uint8Array): string {
  return fixC1Controls(new TextDecoder('latin1').decode(bytes));
}
