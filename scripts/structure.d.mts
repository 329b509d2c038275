export interface LayerRule {
  layer: string;
  reason: string;
  packages: string[];
  folders: string[];
  types?: string[];
  allow?: string[];
}
export const RULES: LayerRule[];
export const CONFINED: Array<{ pattern: RegExp; layer: string; reason: string }>;
export function importsOf(source: string): Array<{ spec: string; typeOnly: boolean }>;
export function structureViolations(files: ReadonlyArray<{ path: string; source: string }>): string[];
export function sourceFiles(srcDir: string): Array<{ path: string; source: string }>;
