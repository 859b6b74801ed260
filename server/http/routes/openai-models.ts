// GET /v1/models and GET /v1/models/:model: the assistant as an OpenAI model.
import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AppError } from '../../errors.js';
import { MODEL_ID, ModelListSchema, ModelSchema, OpenAiErrorSchema } from '../openai/schemas.js';

// a fixed date: the model's identity does not change with each start
const CREATED = Math.floor(Date.UTC(2026, 0, 1) / 1000);

export const openAiModelRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const model = () => ({
    id: MODEL_ID,
    object: 'model' as const,
    created: CREATED,
    owned_by: 'research-assistant',
    description: `Cited answers from the documents in the corpus (answerer: ${app.engine.health().answerer})`,
  });

  app.get(
    '/v1/models',
    {
      schema: {
        tags: ['openai'],
        summary: 'The models this server offers (OpenAI-compatible)',
        response: { 200: ModelListSchema, '4xx': OpenAiErrorSchema, '5xx': OpenAiErrorSchema },
      },
    },
    async () => ({ object: 'list' as const, data: [model()] }),
  );

  app.get(
    '/v1/models/:model',
    {
      schema: {
        tags: ['openai'],
        summary: 'One model (OpenAI-compatible)',
        params: Type.Object({ model: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: { 200: ModelSchema, '4xx': OpenAiErrorSchema, '5xx': OpenAiErrorSchema },
      },
    },
    async (request) => {
      if (request.params.model !== MODEL_ID) throw unknownModel(request.params.model);
      return model();
    },
  );
};

export const unknownModel = (id: string) =>
  new AppError('UNKNOWN_MODEL', `The model "${id.slice(0, 200)}" does not exist; this server offers "${MODEL_ID}" (GET /v1/models).`);
