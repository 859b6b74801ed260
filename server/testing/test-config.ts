// Test support: a config on the documented defaults plus `env`, that still honours where this machine keeps the
// models (MODELS_DIR from the environment or .env), so the tests pass on a clone that has no ../shared beside it.
import { loadConfig, machineSettings, type Config, type LoadConfigOptions } from '../config.js';

export function testConfig(env: Record<string, string | undefined> = {}, overrides: LoadConfigOptions['overrides'] = {}): Readonly<Config> {
  return loadConfig({ env: { ...machineSettings(), ...env }, overrides, dotenv: false });
}
