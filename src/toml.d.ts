/** A gitleaks rule file, compiled at build time by scripts/gitleaks/rules.mjs; read when first called. */
declare module '*.toml' {
  const rules: () => import('./core/secrets/ruleData.js').CompiledRules;
  export default rules;
}
