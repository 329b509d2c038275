import { Box, Text } from 'ink';
import { useTheme } from '../theme.js';
import { escapeControl } from '../../core/controlChars.js';

/** The first line of a screen: what it is, and where the person is in it ("Fact 2 of 5"). */
export function Header({ title, position }: { title: string; position?: string }) {
  const theme = useTheme();
  return (
    <Box>
      <Text wrap="truncate-end">
        <Text {...theme.strong}>{escapeControl(title)}</Text>
        {position ? <Text {...theme.dim}>{`  ${escapeControl(position)}`}</Text> : null}
      </Text>
    </Box>
  );
}
