// /mcp: the MCP server over Streamable HTTP, stateless (a server and transport per request, JSON responses), so it
// needs no session store and sits behind the same policy as /api: origin and host checks, API keys, rate limit and
// body limit run before the transport sees the request. GET (server-initiated streams) and DELETE (sessions) are not
// offered: 405.
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { createMcpServer } from '../../mcp/create-mcp-server.js';

export const MCP_PATH = '/mcp';

const notAllowed = {
  jsonrpc: '2.0',
  error: { code: -32000, message: 'Method not allowed: this MCP endpoint is stateless; POST JSON-RPC messages to /mcp.' },
  id: null,
};

export const mcpRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    MCP_PATH,
    {
      schema: {
        tags: ['mcp'],
        summary: 'Model Context Protocol (Streamable HTTP): tools search, ask, list_documents, get_document; documents as resources',
        body: Type.Unknown({ description: 'A JSON-RPC message or batch, as MCP clients send it' }),
      },
    },
    async (request, reply) => {
      const server = createMcpServer(app.engine);
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
      reply.raw.on('close', () => {
        void transport.close();
        void server.close();
      });
      await server.connect(transport);
      // The transport writes the response itself: hand it the headers already decided (CORS, rate limit) and the
      // ones our onSend hook would add.
      for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) reply.raw.setHeader(name, value);
      reply.raw.setHeader('x-content-type-options', 'nosniff');
      reply.hijack();
      await transport.handleRequest(request.raw, reply.raw, request.body);
    },
  );

  for (const method of ['GET', 'DELETE'] as const) {
    app.route({
      method,
      url: MCP_PATH,
      schema: { hide: true },
      handler: async (_request, reply) => reply.code(405).header('allow', 'POST').send(notAllowed),
    });
  }
};
