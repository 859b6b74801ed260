// The startup log says which embedding model was loaded and from where, so a user can tell MODELS_DIR was read.
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { testConfig } from '../testing/test-config.js';
import { createEmbeddings, findModelsDir } from './create-embeddings.js';

function recordingLogger() {
  const lines: { level: number; msg: string }[] = [];
  const log = pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s)) });
  return { log, infos: () => lines.filter((l) => l.level === 30).map((l) => l.msg) };
}

describe('createEmbeddings', () => {
  it('logs the model, its dimensions and the folder it was read from', async () => {
    const config = testConfig();
    const dir = findModelsDir(config);
    expect(dir).not.toBe('');
    const { log, infos } = recordingLogger();
    const choice = await createEmbeddings(config, log);
    expect(choice.handle?.dimensions).toBe(384);
    expect(infos()).toContain(`embeddings: ${choice.handle!.id} (384 dimensions) from ${dir}`);
  });
});
