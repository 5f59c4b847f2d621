// Minimal typings for the Node built-ins this service uses, so that TypeScript is the project's
// only dependency (no @types/node). Add @types/node and delete this file if you need more of Node.
declare module 'node:http' {
  export interface IncomingMessage extends AsyncIterable<Uint8Array> {
    method?: string;
    url?: string;
    headers: Record<string, string | string[] | undefined>;
  }
  export interface ServerResponse {
    statusCode: number;
    setHeader(name: string, value: string | number): void;
    end(body?: string): void;
  }
  export interface AddressInfo {
    port: number;
    address: string;
    family: string;
  }
  export interface Server {
    listen(port: number, host?: string, callback?: () => void): Server;
    close(callback?: (err?: Error) => void): Server;
    address(): AddressInfo | string | null;
  }
  export function createServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Server;
}

declare module 'node:test' {
  type Body = () => void | Promise<void>;
  export function test(name: string, body: Body): Promise<void>;
  export function before(body: Body): void;
  export function after(body: Body): void;
}

declare module 'node:assert/strict' {
  interface Assert {
    (value: unknown, message?: string): asserts value;
    equal(actual: unknown, expected: unknown, message?: string): void;
    deepEqual(actual: unknown, expected: unknown, message?: string): void;
    ok(value: unknown, message?: string): asserts value;
    match(value: string, pattern: RegExp, message?: string): void;
  }
  const assert: Assert;
  export default assert;
}

declare const process: {
  env: Record<string, string | undefined>;
  argv: string[];
  exitCode?: number;
  on(event: 'SIGINT' | 'SIGTERM', listener: () => void): void;
};
