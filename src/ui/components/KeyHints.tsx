import { Box, Text } from 'ink';
import { useTheme } from '../theme.js';

export interface KeyHint {
  /** The keys as written on the keyboard: "↑↓ j k", "enter", "1-3". */
  keys: string;
  action: string;
}

/** A screen's footer: every key it answers to, so none has to be guessed. Wraps on narrow terminals. */
export function KeyHints({ hints }: { hints: readonly KeyHint[] }) {
  const theme = useTheme();
  return (
    <Box flexWrap="wrap" columnGap={2}>
      {hints.map((hint) => (
        <Text key={hint.keys}>
          <Text {...theme.strong}>{hint.keys}</Text>
          <Text {...theme.dim}>{` ${hint.action}`}</Text>
        </Text>
      ))}
    </Box>
  );
}
