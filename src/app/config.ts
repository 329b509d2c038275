import { modelEndpoint, displayEndpoint, type ModelEndpoint } from '../config/endpoint.js';
import type { Config } from '../config/load.js';
import { CONFIG_KEYS, findConfigKey, type ConfigKey } from '../config/schema.js';
import { UsageError } from '../errors/index.js';

/** `memoir config`: every key's effective value and source, where facts go, and what a project file may not set. */

export interface ConfigRow {
  key: string;
  value: string | number | boolean | null;
  source: string;
  env: string;
  description: string;
  /** A project file that tried to set this key and may not (see `memoir config trust`). */
  refusedFrom: string | null;
}

export interface ConfigReport {
  rows: ConfigRow[];
  /** Where facts go to be classified: `offline` or the endpoint. */
  destination: string;
  project?: Config['project'];
  ignored: string[];
}

/** A key's effective value and source; the model's endpoint and key as memoir will really use them. */
function effective(spec: ConfigKey, config: Config, endpoint: ModelEndpoint): Pick<ConfigRow, 'value' | 'source'> {
  const entry = config.entries.get(spec.key)!;
  if (endpoint.provider === 'openai' && spec.key === 'classifier.baseURL')
    return { value: displayEndpoint(endpoint.baseURL), source: endpoint.baseURLSource };
  if (endpoint.provider === 'openai' && spec.key === 'classifier.apiKey')
    return { value: endpoint.apiKey ? '(set)' : null, source: endpoint.apiKeySource };
  return { value: spec.secret && entry.value !== undefined ? '(set)' : (entry.value ?? null), source: entry.source };
}

/** A key asked for that memoir does not know: exit 2, before the configuration is read. */
export function checkConfigKey(key: string | undefined): void {
  if (key && !findConfigKey(key))
    throw new UsageError('unknown-config-key', `unknown configuration key "${key}"`, {
      hint: `known keys: ${CONFIG_KEYS.map((k) => k.key).join(', ')}`,
    });
}

export function configReport(key: string | undefined, config: Config, env: NodeJS.ProcessEnv): ConfigReport {
  checkConfigKey(key);
  const endpoint = modelEndpoint(config, env);
  const rows = CONFIG_KEYS.filter((spec) => !key || spec.key === key).map((spec) => ({
    key: spec.key,
    ...effective(spec, config, endpoint),
    env: spec.env,
    description: spec.description,
    refusedFrom: config.refused.find((r) => r.key === spec.key)?.file ?? null,
  }));
  return {
    rows,
    destination: endpoint.provider === 'offline' ? 'offline' : displayEndpoint(endpoint.baseURL),
    project: config.project,
    ignored: config.ignored,
  };
}
