import { Box, Text } from 'ink';
import { useTheme } from '../theme.js';

import type { KeyHint } from '../keyTable.js';

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
