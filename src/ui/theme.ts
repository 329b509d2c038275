import { createContext, useContext } from 'react';
import type { TextProps } from 'ink';

/*
 * The screens' styles. Colour is decided once by the caller (io.ts's rules: NO_COLOR, TERM=dumb,
 * --no-color, not a TTY) and handed down; without it every style is plain text, and what is
 * highlighted is still marked by characters (❯), never by colour alone.
 */
export interface Theme {
  accent: TextProps;
  strong: TextProps;
  dim: TextProps;
  error: TextProps;
  warn: TextProps;
  /** The editor's cursor. */
  cursor: TextProps;
}

export function makeTheme(color: boolean): Theme {
  if (!color) return { accent: {}, strong: {}, dim: {}, error: {}, warn: {}, cursor: {} };
  return {
    accent: { color: 'cyan' },
    strong: { bold: true },
    dim: { dimColor: true },
    error: { color: 'red' },
    warn: { color: 'yellow' },
    cursor: { inverse: true },
  };
}

export const ThemeContext = createContext<Theme>(makeTheme(true));

export function useTheme(): Theme {
  return useContext(ThemeContext);
}
