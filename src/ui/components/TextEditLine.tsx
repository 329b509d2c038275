import { Box, Text } from 'ink';
import { escapeControl } from '../../core/controlChars.js';
import { useTheme } from '../theme.js';

/**
 * A line of text being typed, with its cursor (a block in colour, an underscore without), and
 * the message below it when a key was refused: the conflict and capture screens' text editors.
 */
export function TextEditLine({ label, draft }: { label: string; draft: string }) {
  const theme = useTheme();
  return (
    <Box marginTop={1}>
      <Text>
        <Text {...theme.strong}>{label}: </Text>
        <Text>{escapeControl(draft)}</Text>
        <Text {...theme.cursor}>{theme.cursor.inverse ? ' ' : '_'}</Text>
      </Text>
    </Box>
  );
}

/** Why the last key was refused, or nothing. */
export function RefusalLine({ message }: { message: string | undefined }) {
  const theme = useTheme();
  return message ? (
    <Box marginTop={1}>
      <Text {...theme.error}>{escapeControl(message)}</Text>
    </Box>
  ) : null;
}
