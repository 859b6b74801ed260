// OpenAPI document generated from the route schemas, and interactive docs at /docs (assets served locally).
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';

export const apiDocs = fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        info: {
          title: 'Research assistant API',
          description:
            'Cited answers and passages from the documents in the corpus. The interface contract (routes, commands, ' +
            'evaluation-set and report formats) is docs/CONTRACT.md in the project repository.',
          version: '1.0.0',
        },
        tags: [
          { name: 'chat', description: 'Questions and cited answers' },
          { name: 'search', description: 'Passage retrieval' },
          { name: 'documents', description: 'The corpus' },
          { name: 'meta', description: 'Health and evaluation reports' },
          { name: 'mcp', description: 'Model Context Protocol server (Streamable HTTP); `npm run mcp` serves the same on stdio' },
          { name: 'openai', description: 'OpenAI-compatible API (/v1): the assistant as a chat model for OpenAI clients' },
        ],
      },
    });
    await app.register(swaggerUi, { routePrefix: '/docs' });
  },
  { name: 'api-docs' },
);
