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

/** The terminal's height, kept current as useColumns keeps its width (24 where it reports none). */
export function useRows(): number {
  const { stdout } = useStdout();
  const [rows, setRows] = useState(stdout.rows || 24);
  useEffect(() => {
    const update = () => setRows(stdout.rows || 24);
    stdout.on('resize', update);
    return () => {
      stdout.off('resize', update);
    };
  }, [stdout]);
  return rows;
}
