// Counter state transitions, kept free of React so they can be tested directly.

export interface CounterState {
  count: number;
  limit: number;
}

export type CounterAction = 'increment' | 'decrement' | 'reset';

/** The next state; the count stays within 0..limit. */
export function nextCount(state: CounterState, action: CounterAction): CounterState {
  switch (action) {
    case 'increment':
      return { ...state, count: Math.min(state.limit, state.count + 1) };
    case 'decrement':
      return { ...state, count: Math.max(0, state.count - 1) };
    case 'reset':
      return { ...state, count: 0 };
  }
}
