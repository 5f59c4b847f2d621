// Fallback open counter for `npm run bench` where strace is missing: preloaded with
// `NODE_OPTIONS=--require <this file>` into every Node process of a command, it wraps the fs calls that
// open a file by name and, at exit, appends one line per call (the path) to `$COUNT_OPENS_OUT.<pid>`.
// Only the outermost call counts (fs.readFileSync calls fs.openSync itself); calls given an fd count
// nothing. It sees JavaScript-level opens only: the runtime's own (shared libraries, the main script
// when the loader reads it natively, V8's code cache via internal bindings) are invisible here.
'use strict';
const fs = require('node:fs');
const { resolve } = require('node:path');

const out = process.env.COUNT_OPENS_OUT;
if (out) {
  const seen = [];
  let depth = 0;
  const target = (p) => (typeof p === 'number' ? null : p instanceof URL ? p.pathname : Buffer.isBuffer(p) ? p.toString() : String(p));
  const note = (p) => {
    const t = target(p);
    if (t !== null) seen.push(resolve(t));
  };
  // Only the outermost call counts: depth covers the synchronous part of each wrapped call.
  const wrapSync = (obj, name) => {
    const orig = obj[name];
    if (typeof orig !== 'function') return;
    obj[name] = function (p, ...rest) {
      if (depth === 0) note(p);
      depth++;
      try {
        return orig.call(this, p, ...rest);
      } finally {
        depth--;
      }
    };
  };
  for (const m of ['openSync', 'readFileSync', 'writeFileSync', 'appendFileSync', 'copyFileSync', 'opendirSync']) wrapSync(fs, m);
  // The async calls too: the guard covers their synchronous part, where fs.writeFile calls fs.open.
  for (const m of ['open', 'readFile', 'writeFile', 'appendFile', 'copyFile', 'opendir']) wrapSync(fs, m);
  for (const m of ['open', 'readFile', 'writeFile', 'appendFile', 'copyFile', 'opendir']) wrapSync(fs.promises, m);
  process.on('exit', () => {
    try {
      fs.appendFileSync.call(fs, `${out}.${process.pid}`, seen.map((p) => p + '\n').join(''));
    } catch {
      // nowhere to report: the count is then missing, not wrong
    }
  });
}
