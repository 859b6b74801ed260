import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DocumentDetailSchema, DocumentListSchema, ErrorBodySchema } from '../../contract.js';

export const documentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/documents',
    {
      schema: {
        tags: ['documents'],
        summary: 'The documents in the corpus with their metadata, and the files the last ingest skipped (with why)',
        response: { 200: DocumentListSchema, '5xx': ErrorBodySchema },
      },
    },
    async () => ({ documents: app.engine.listDocuments(), skipped: app.engine.skippedFiles() }),
  );

  // docIds are paths relative to corpus/ and may contain slashes, hence the wildcard.
  app.get(
    '/api/documents/*',
    {
      schema: {
        tags: ['documents'],
        summary: 'One document: metadata and cleaned text (chunk and citation offsets index into it)',
        params: Type.Object({ '*': Type.String({ minLength: 1, maxLength: 1000 }) }),
        response: { 200: DocumentDetailSchema, '4xx': ErrorBodySchema, '5xx': ErrorBodySchema },
      },
    },
    // Fastify has already decoded the path: decoding again breaks ids with a % in them
    async (request) => app.engine.getDocument(request.params['*']),
  );
};
