/*
 * Data files compiled at build time (scripts/bundle.mjs): each module gives a function that
 * reads and parses its data when first called, and the same value after, so that loading a
 * module that names some data costs nothing until the data is used.
 */
declare module '*.yaml' {
  const value: () => unknown;
  export default value;
  /** A taxonomy's leaves alone, `{ "category.subcategory.type": "one" | "many" }` (scripts/dataModules.mjs, taxonomyLeaves). */
  export const leaves: () => Record<string, 'one' | 'many'>;
}

declare module '*.jsonl' {
  const rows: () => unknown[];
  export default rows;
}
