// A document's own numbered references ("…since version 0.12.0 (2014-10-09)[10]–[13].", IEEE style "as shown
// [4], [7]") inside a quoted sentence. An answer's citation markers are written the same way ("[1]"), so left in a
// quote they were read as the answer's markers: "[10]" pointed at no passage and was cut out, leaving
// "(2014-10-09)–.", and a "[2]" would have cited the answer's second passage. They point into a reference list the
// answer does not show, so a quote is shown without them (the passage keeps them).

/** one bracket of numbers, "[10]", "[4, 7]", "[10–13]" */
const GROUP = String.raw`\[\d{1,3}(?:\s*[-–,]\s*\d{1,3})*\]`;
/** groups joined by a dash or a comma ("[10]–[13]", "[21], [22]"), with the space before the first */
const MARKERS = new RegExp(String.raw`[ \t]?${GROUP}(?:\s*[-–,]\s*${GROUP})*`, 'g');

/** The sentence without the document's reference markers; code keeps its subscripts ("args[1]"). */
export function withoutReferenceMarkers(sentence: string): string {
  return sentence.replace(MARKERS, '').replace(/[ \t]+([.,;:!?])(?=\s|$)/g, '$1');
}
