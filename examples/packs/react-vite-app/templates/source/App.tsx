import { useReducer } from 'react';
import { APP_TITLE, COUNTER_LIMIT, THEME_COLOR } from './config.ts';
import { nextCount } from './counter.ts';

export function App() {
  const [state, dispatch] = useReducer(nextCount, { count: 0, limit: COUNTER_LIMIT });
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', maxWidth: '40rem', margin: '2rem auto' }}>
      <h1 style={{ color: THEME_COLOR }}>{APP_TITLE}</h1>
      <p>
        Count: <output aria-live="polite">{state.count}</output> / {state.limit}
      </p>
      <button type="button" onClick={() => dispatch('decrement')} disabled={state.count === 0}>
        −
      </button>{' '}
      <button type="button" onClick={() => dispatch('increment')} disabled={state.count === state.limit}>
        +
      </button>{' '}
      <button type="button" onClick={() => dispatch('reset')}>
        Reset
      </button>
    </main>
  );
}
