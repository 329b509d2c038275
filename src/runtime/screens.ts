/*
 * The interactive screens (Ink and React), loaded on demand: only the commands that show one pay
 * for them. In the bundle they are an ES module of their own, dist/ui.mjs (Ink awaits at its top
 * level, which the CLI's CommonJS cannot); scripts/bundle.mjs compiles this module to an
 * import() of that file.
 */
export function loadScreens(): Promise<typeof import('../ui/index.js')> {
  return import('../ui/index.js');
}
