import { useEffect, useRef, useState } from 'react';
import { useInput } from 'ink';
import { toActions, type KeyAction } from './keys.js';

/**
 * A screen's state driven by key presses through a pure reducer (so the logic is tested
 * without a terminal): keys become actions, actions fold into the state, and once the state
 * has an outcome, input stops and `onDone` hears it exactly once.
 */
export function useKeyedState<S extends { outcome?: O }, O>(
  initial: () => S,
  step: (state: S, action: KeyAction) => S,
  onDone: (outcome: O) => void,
): S {
  const [state, setState] = useState<S>(initial);
  const reported = useRef(false);
  useInput(
    (input, key) => {
      const actions = toActions(input, key);
      if (actions.length > 0) setState((current) => actions.reduce(step, current));
    },
    { isActive: !state.outcome },
  );
  useEffect(() => {
    if (!state.outcome || reported.current) return;
    reported.current = true;
    onDone(state.outcome);
  }, [state.outcome, onDone]);
  return state;
}
