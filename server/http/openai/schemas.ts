// Wire schemas of the OpenAI-compatible API (/v1): the subset of OpenAI's Chat Completions and Models that this
// assistant answers, plus our extra fields (citations…), which OpenAI clients ignore. They feed validation and /docs.
import { Type, type Static } from 'typebox';
import { CitationSchema, MAX_CHAT_K } from '../../contract.js';

/** The one model this server offers: the assistant (its answerer — extractive or an LLM — is the server's choice). */
export const MODEL_ID = 'research-assistant';
/** Longest conversation accepted; only the last messages are used as history. */
export const MAX_OPENAI_MESSAGES = 256;

const ContentPartSchema = Type.Object({ type: Type.String(), text: Type.Optional(Type.String()) });

export const OpenAiMessageSchema = Type.Object({
  role: Type.Union(['system', 'developer', 'user', 'assistant', 'tool'].map((r) => Type.Literal(r))),
  content: Type.Union([Type.String(), Type.Array(ContentPartSchema), Type.Null()]),
  name: Type.Optional(Type.String()),
});
export type OpenAiMessage = Static<typeof OpenAiMessageSchema>;

export const ChatCompletionRequestSchema = Type.Object(
  {
    model: Type.String({ minLength: 1, description: `\`${MODEL_ID}\` (GET /v1/models)` }),
    messages: Type.Array(OpenAiMessageSchema, {
      minItems: 1,
      maxItems: MAX_OPENAI_MESSAGES,
      description: 'The last message is the question (role user); earlier user/assistant messages are the history; system messages are ignored.',
    }),
    stream: Type.Optional(Type.Boolean()),
    stream_options: Type.Optional(Type.Object({ include_usage: Type.Optional(Type.Boolean()) })),
    k: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_CHAT_K, description: 'passages per answer (extension)' })),
  },
  { description: 'Other OpenAI parameters (temperature, max_tokens…) are accepted and ignored.' },
);
export type ChatCompletionRequest = Static<typeof ChatCompletionRequestSchema>;

/** Our extension of the assistant message (and of the final stream chunk's delta). */
const AnswerExtrasSchema = {
  citations: Type.Array(CitationSchema, { description: 'The sources the `[n]` markers point at (extension)' }),
  abstained: Type.Boolean({ description: 'true: the documents do not answer (extension)' }),
  uncertain: Type.Optional(Type.Boolean({ description: 'answered on weak evidence (extension)' })),
  rewrittenQuery: Type.String({ description: 'the standalone question actually searched (extension)' }),
};

export const UsageSchema = Type.Object({
  prompt_tokens: Type.Integer(),
  completion_tokens: Type.Integer(),
  total_tokens: Type.Integer(),
  note: Type.String({ description: 'why the counts are what they are (extension)' }),
});

export const ChatCompletionSchema = Type.Object({
  id: Type.String(),
  object: Type.Literal('chat.completion'),
  created: Type.Integer(),
  model: Type.String(),
  system_fingerprint: Type.Null(),
  choices: Type.Array(
    Type.Object({
      index: Type.Integer(),
      message: Type.Object({ role: Type.Literal('assistant'), content: Type.String(), refusal: Type.Null(), ...AnswerExtrasSchema }),
      logprobs: Type.Null(),
      finish_reason: Type.Literal('stop'),
    }),
  ),
  usage: UsageSchema,
});
export type ChatCompletion = Static<typeof ChatCompletionSchema>;

export const ChatCompletionChunkSchema = Type.Object({
  id: Type.String(),
  object: Type.Literal('chat.completion.chunk'),
  created: Type.Integer(),
  model: Type.String(),
  system_fingerprint: Type.Null(),
  choices: Type.Array(
    Type.Object({
      index: Type.Integer(),
      delta: Type.Object({
        role: Type.Optional(Type.Literal('assistant')),
        content: Type.Optional(Type.String()),
        citations: Type.Optional(AnswerExtrasSchema.citations),
        abstained: Type.Optional(AnswerExtrasSchema.abstained),
        uncertain: AnswerExtrasSchema.uncertain,
        rewrittenQuery: Type.Optional(AnswerExtrasSchema.rewrittenQuery),
      }),
      logprobs: Type.Null(),
      finish_reason: Type.Union([Type.Literal('stop'), Type.Null()]),
    }),
  ),
  usage: Type.Optional(UsageSchema),
});
export type ChatCompletionChunk = Static<typeof ChatCompletionChunkSchema>;

export const ModelSchema = Type.Object({
  id: Type.String(),
  object: Type.Literal('model'),
  created: Type.Integer(),
  owned_by: Type.String(),
  description: Type.Optional(Type.String()),
});
export const ModelListSchema = Type.Object({ object: Type.Literal('list'), data: Type.Array(ModelSchema) });

export const OpenAiErrorSchema = Type.Object({
  error: Type.Object({ message: Type.String(), type: Type.String(), param: Type.Null(), code: Type.String() }),
});
