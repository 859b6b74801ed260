// The assistant as an MCP server: tools `search`, `ask`, `list_documents`, `get_document`, and every document as a
// resource (corpus://document/{docId}). Each call goes to the engine, as the HTTP routes do; an engine error (an
// unknown document, an empty question, no index) comes back as a tool error with its message, never a crash.
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { MAX_CHAT_K, MAX_HISTORY_MESSAGE_CHARS, MAX_HISTORY_MESSAGES, MAX_QUESTION_CHARS, MAX_SEARCH_K } from '../contract.js';
import type { Engine } from '../engine.js';
import { formatAnswer, formatDocumentList, formatPassages } from './format-results.js';

export const MCP_SERVER_NAME = 'research-assistant';
const VERSION = '1.0.0';
/** Characters of a document returned per get_document call (page on with `offset`). */
export const DOCUMENT_PAGE_CHARS = 20_000;
const DOCUMENT_URI = 'corpus://document/';

const INSTRUCTIONS =
  'Answers questions from a fixed corpus of documents (articles, papers, reports) with citations. Use `ask` for a ' +
  'question you want answered with sources; `search` for the passages themselves; `list_documents` to see what the ' +
  'corpus holds; `get_document` to read one. An answer that says the documents do not answer is an abstention: ' +
  'the corpus does not say, so do not present a guess as its answer.';

const documentUri = (docId: string) => `${DOCUMENT_URI}${encodeURIComponent(docId)}`;
const decode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

export function createMcpServer(engine: Engine): McpServer {
  const server = new McpServer({ name: MCP_SERVER_NAME, version: VERSION }, { instructions: INSTRUCTIONS });

  server.registerTool(
    'search',
    {
      title: 'Search the corpus',
      description:
        'Finds the passages of the corpus most relevant to a query (keyword + semantic search), best first. Each ' +
        'passage comes with its document id, title, page, URL and character offsets, so it can be cited. Use it to ' +
        'gather evidence yourself; use `ask` for a ready answer.',
      inputSchema: {
        query: z.string().min(1).max(MAX_QUESTION_CHARS).describe('What to look for: a question or keywords'),
        k: z.number().int().min(1).max(MAX_SEARCH_K).optional().describe(`How many passages (default ${engine.config.RETRIEVAL_K})`),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ query, k }) => {
      const results = await engine.search(query, k);
      return { content: [{ type: 'text', text: formatPassages(results) }], structuredContent: { results } };
    },
  );

  server.registerTool(
    'ask',
    {
      title: 'Ask the corpus',
      description:
        'Answers a question from the documents in the corpus only. Every sentence of the answer carries a [n] marker ' +
        'for its source, listed at the end (document, page, URL) and returned structured with the supporting passage. ' +
        'When the documents do not answer, it says so and cites nothing (abstained: true). For a follow-up question, ' +
        'pass the earlier turns as `history`.',
      inputSchema: {
        question: z.string().min(1).max(MAX_QUESTION_CHARS).describe('The question, in natural language'),
        history: z
          .array(z.object({ role: z.enum(['user', 'assistant']), content: z.string().max(MAX_HISTORY_MESSAGE_CHARS) }))
          .max(MAX_HISTORY_MESSAGES)
          .optional()
          .describe('Earlier turns of the conversation, oldest first (for follow-ups such as "When did he go there?")'),
        k: z.number().int().min(1).max(MAX_CHAT_K).optional().describe('Passages to read (default from the server)'),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ question, history, k }, extra) => {
      const r = await engine.chat({ question, history, k }, { signal: extra.signal });
      return {
        content: [{ type: 'text', text: formatAnswer(r) }],
        structuredContent: { answer: r.answer, abstained: r.abstained, uncertain: r.uncertain ?? false, rewrittenQuery: r.rewrittenQuery, citations: r.citations },
      };
    },
  );

  server.registerTool(
    'list_documents',
    {
      title: 'List the documents',
      description: 'Lists every document in the corpus: id, title, authors, date, publisher, URL and size. Use the id with `get_document`.',
      inputSchema: {},
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async () => {
      const documents = engine.listDocuments();
      return { content: [{ type: 'text', text: formatDocumentList(documents) }], structuredContent: { documents } };
    },
  );

  server.registerTool(
    'get_document',
    {
      title: 'Read a document',
      description:
        `Returns one document's metadata and its text, ${DOCUMENT_PAGE_CHARS} characters at a time from \`offset\` ` +
        '(citation offsets index into this text). Ids come from `list_documents`, `search` or `ask`.',
      inputSchema: {
        docId: z.string().min(1).max(1000).describe('The document id, e.g. "russia-iran-converge-soleimani-jpost"'),
        offset: z.number().int().min(0).optional().describe('First character to return (default 0)'),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ docId, offset = 0 }) => {
      const { text, pages, sections, ...meta } = engine.getDocument(docId);
      const slice = text.slice(offset, offset + DOCUMENT_PAGE_CHARS);
      const end = offset + slice.length;
      const more = end < text.length ? `\n\n[characters ${offset}–${end} of ${text.length}; call again with offset ${end} for more]` : '';
      const heading = `${meta.title}${meta.authors.length ? ` — ${meta.authors.join(', ')}` : ''}${meta.date ? ` (${meta.date})` : ''}`;
      return {
        content: [{ type: 'text', text: `${heading}\n\n${slice}${more}` }],
        structuredContent: { ...meta, offset, end, totalChars: text.length, text: slice, sections, pages },
      };
    },
  );

  server.registerResource(
    'document',
    new ResourceTemplate(`${DOCUMENT_URI}{docId}`, {
      list: async () => ({
        resources: engine.listDocuments().map((d) => ({
          uri: documentUri(d.docId),
          name: d.title,
          mimeType: 'text/plain',
          description: [d.authors.join(', '), d.date, d.publisher].filter(Boolean).join(' · ') || undefined,
        })),
      }),
    }),
    { title: 'Corpus document', description: 'The cleaned text of a document in the corpus', mimeType: 'text/plain' },
    async (uri, { docId }) => {
      const doc = engine.getDocument(decode(String(docId)));
      return { contents: [{ uri: uri.href, mimeType: 'text/plain', text: doc.text }] };
    },
  );

  return server;
}
