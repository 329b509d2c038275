import type { AllowData, CompiledRules } from '../../src/core/secrets/ruleData.js';

export function compileRules(tomlText: string): CompiledRules;
export function ruleLabel(id: string, description?: string): string;
export function article(phrase: string): 'a' | 'an';
export type { AllowData };
