/**
 * The wire format between a webview panel and its host in the extension. Each panel declares an API:
 * a map from method name to `{ params; result }` (see search-panel.ts, score-panel.ts,
 * variables-form.ts). The webview sends requests, the host answers each with a response carrying the
 * same id, and pushes events the other way. Errors come back as values (`ok: false`), never as a
 * rejected promise that the other side cannot see.
 *
 * The host checks every incoming message with a runtime guard (`isRequest` plus the panel's per-method
 * `Guards`), because a webview is a browser page and its messages are untrusted input. The mapped
 * types `Handlers` and `Guards` make the compiler refuse a host that forgets a method.
 */

/** The shape of a panel's API `A`: method → what it takes and what it answers. */
export type PanelApi<A> = { [M in keyof A]: { params: unknown; result: unknown } };

export interface RequestMessage {
  kind: 'request';
  id: number;
  method: string;
  params: unknown;
}

export interface WebviewError {
  /** `bad-request` (the guard refused it), `failed` (the handler threw), or a PackError's code. */
  code: string;
  message: string;
}

export type ResponseMessage =
  { kind: 'response'; id: number; ok: true; result: unknown } | { kind: 'response'; id: number; ok: false; error: WebviewError };

/** Host → webview, unasked: `{ kind: 'event', event: 'refresh', data }`. */
export interface EventMessage<E extends { event: string } = { event: string }> {
  kind: 'event';
  payload: E;
}

/** What a call answers on the webview side: the result, or the error as a value. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: WebviewError };

/** The host's implementation of an API: one function per method, checked complete by the compiler. */
export type Handlers<A extends PanelApi<A>> = { [M in keyof A]: (params: A[M]['params']) => A[M]['result'] | Promise<A[M]['result']> };

/** One runtime guard per method: does this unknown value have the params' shape? */
export type Guards<A extends PanelApi<A>> = { [M in keyof A]: (params: unknown) => params is A[M]['params'] };

// ---- guards: small combinators, because protocol/ imports nothing ----------------------------------

export type Guard<T> = (x: unknown) => x is T;

export const isString: Guard<string> = (x): x is string => typeof x === 'string';
export const isNumber: Guard<number> = (x): x is number => typeof x === 'number' && Number.isFinite(x);
export const isBoolean: Guard<boolean> = (x): x is boolean => typeof x === 'boolean';
export const isNull: Guard<null> = (x): x is null => x === null;

export function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

export function nullable<T>(g: Guard<T>): Guard<T | null> {
  return (x): x is T | null => x === null || g(x);
}

export function oneOf<const T extends readonly string[]>(values: T): Guard<T[number]> {
  return (x): x is T[number] => typeof x === 'string' && values.includes(x);
}

export function arrayOf<T>(g: Guard<T>): Guard<T[]> {
  return (x): x is T[] => Array.isArray(x) && x.every(g);
}

export function recordOf<T>(g: Guard<T>): Guard<Record<string, T>> {
  return (x): x is Record<string, T> => isObject(x) && Object.values(x).every(g);
}

/** An object with exactly these keys (extra keys are refused: a typo in a message is a bug to see). */
export function shape<T extends object>(fields: { [K in keyof T]-?: Guard<T[K]> }): Guard<T> {
  const keys = Object.keys(fields);
  return (x): x is T => {
    if (!isObject(x)) return false;
    if (Object.keys(x).some((k) => !keys.includes(k))) return false;
    return keys.every((k) => (fields as Record<string, Guard<unknown>>)[k]!(x[k]));
  };
}

export const isEmpty: Guard<Record<string, never>> = shape<Record<string, never>>({});

export function isRequest(x: unknown): x is RequestMessage {
  return isObject(x) && x.kind === 'request' && Number.isInteger(x.id) && typeof x.method === 'string' && 'params' in x;
}

export function isResponse(x: unknown): x is ResponseMessage {
  return isObject(x) && x.kind === 'response' && Number.isInteger(x.id) && typeof x.ok === 'boolean';
}

export function isEvent(x: unknown): x is EventMessage {
  return isObject(x) && x.kind === 'event' && isObject(x.payload) && typeof x.payload.event === 'string';
}

/**
 * The host's answer to one incoming message: null when it is not a request at all (ignored), else
 * the response — `bad-request` when the method is unknown or its params fail their guard, the
 * handler's result, or its failure as a value (a PackError's `code` when it has one).
 */
export async function answerRequest<A extends PanelApi<A>>(
  guards: Guards<A>,
  handlers: Handlers<A>,
  message: unknown,
): Promise<ResponseMessage | null> {
  if (!isRequest(message)) return null;
  const { id, method, params } = message;
  const guard = Object.hasOwn(guards, method) ? (guards as Record<string, (p: unknown) => boolean>)[method] : undefined;
  if (!guard?.(params)) {
    return {
      kind: 'response',
      id,
      ok: false,
      error: { code: 'bad-request', message: guard ? `malformed params for ${method}` : `unknown method ${method}` },
    };
  }
  try {
    const handler = (handlers as Record<string, (p: unknown) => unknown>)[method]!;
    return { kind: 'response', id, ok: true, result: await handler(params) };
  } catch (err) {
    const code = isObject(err) && typeof err.code === 'string' ? err.code : 'failed';
    return { kind: 'response', id, ok: false, error: { code, message: err instanceof Error ? err.message : String(err) } };
  }
}
