import { useEffect, useState } from 'react';
import { useStdout } from 'ink';

/**
 * The terminal's width, kept current: Ink lays out again on a resize but does not re-render
 * components, and the lists size their columns from this.
 */
export function useColumns(): number {
  const { stdout } = useStdout();
  const [columns, setColumns] = useState(stdout.columns || 80);
  useEffect(() => {
    const update = () => setColumns(stdout.columns || 80);
    stdout.on('resize', update);
    return () => {
      stdout.off('resize', update);
    };
  }, [stdout]);
  return columns;
}
