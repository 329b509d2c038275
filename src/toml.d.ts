/** A gitleaks rule file, compiled at build time by scripts/gitleaks/rules.mjs. */
declare module '*.toml' {
  const rules: import('./core/secrets/ruleData.js').CompiledRules;
  export default rules;
}
