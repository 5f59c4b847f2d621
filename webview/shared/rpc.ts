/**
 * The webview's side of protocol/webview.ts: `call(method, params)` posts a request and resolves with
 * its outcome (the host's errors arrive as values), `onEvent` hears what the host pushes, and
 * `state` keeps what must survive a reload (VS Code stores it with the panel).
 */
import type { EventMessage, Outcome, PanelApi } from '../../protocol/webview';
import { isEvent, isResponse } from '../../protocol/webview';

interface VsCodeApi<S> {
  postMessage(message: unknown): void;
  getState(): S | undefined;
  setState(state: S): void;
}

declare function acquireVsCodeApi<S>(): VsCodeApi<S>;

export interface PanelClient<A extends PanelApi<A>, E extends { event: string }, S> {
  call<M extends keyof A & string>(method: M, params: A[M]['params']): Promise<Outcome<A[M]['result']>>;
  onEvent(listener: (event: E) => void): void;
  getState(): S | undefined;
  setState(state: S): void;
}

export function connect<A extends PanelApi<A>, E extends { event: string }, S>(): PanelClient<A, E, S> {
  const vscode = acquireVsCodeApi<S>();
  let nextId = 1;
  const pending = new Map<number, (o: Outcome<unknown>) => void>();
  const listeners: ((e: E) => void)[] = [];
  window.addEventListener('message', (ev: MessageEvent<unknown>) => {
    const m = ev.data;
    if (isResponse(m)) {
      const done = pending.get(m.id);
      pending.delete(m.id);
      done?.(m.ok ? { ok: true, value: m.result } : { ok: false, error: m.error });
    } else if (isEvent(m)) {
      for (const l of listeners) l((m as EventMessage<E>).payload);
    }
  });
  return {
    call(method, params) {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        vscode.postMessage({ kind: 'request', id, method, params });
      });
    },
    onEvent: (l) => void listeners.push(l),
    getState: () => vscode.getState(),
    setState: (s) => vscode.setState(s),
  };
}
