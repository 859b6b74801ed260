// What a record's publisher field may be called: a publisher's name, not the kind of document or its pages.
// Pure and free of imports: the web app's suggestions use it too.

// A publisher field that holds something else: a kind of document or its page numbers ("research paper, pp. 521-542").
const KIND_WORDS = '(?:peer-reviewed|original|research|review|conference|working|discussion|white|position|policy|scientific|scholarly|academic|journal|news|opinion|blog)';
const NOT_A_PUBLISHER = new RegExp(
  `\\bpp?\\.\\s*\\d|\\bpages?\\s+\\d|^(?:an?\\s+)?(?:${KIND_WORDS}\\s+){0,2}(?:paper|article|preprint|manuscript|thesis|dissertation|report|essay|analysis|chapter|study)\\s*(?:$|[,;(])`,
  'i',
);

/** The record's publisher when it names one; null when the field is empty or holds something else. */
export function publisherName(value: string | null | undefined): string | null {
  const v = value?.trim();
  return v && !NOT_A_PUBLISHER.test(v) ? v : null;
}
