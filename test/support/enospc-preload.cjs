// A fault-injecting file-system layer for machines where a test cannot mount a small tmpfs (not
// root): loaded with `node --require`, it makes writes under GGEN_TEST_ENOSPC_DIR fail with ENOSPC
// once they would use more than GGEN_TEST_ENOSPC_FREE bytes, counted in 4 KiB pages as tmpfs
// counts them, and reports that budget through statfs. Only for test/e2e/fs-faults.test.ts.
'use strict';
const fs = require('node:fs');
const { resolve } = require('node:path');

const dir = resolve(process.env.GGEN_TEST_ENOSPC_DIR || '/nonexistent');
let free = Number(process.env.GGEN_TEST_ENOSPC_FREE || 0);
const PAGE = 4096;
const fdPaths = new Map();
const inside = (p) => {
  if (typeof p !== 'string') return false;
  const r = resolve(p);
  return r === dir || r.startsWith(dir + '/');
};

function spend(path, bytes) {
  if (!inside(path) || bytes === 0) return;
  const pages = Math.ceil(bytes / PAGE) * PAGE;
  if (pages > free) {
    const err = new Error(`ENOSPC: no space left on device, write '${path}'`);
    Object.assign(err, { code: 'ENOSPC', errno: -28, syscall: 'write', path });
    throw err;
  }
  free -= pages;
}

const size = (data) => (typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength);
const { openSync, closeSync, writeSync, writeFileSync, copyFileSync, statfsSync } = fs;
fs.openSync = function (path, ...rest) {
  const fd = openSync.call(this, path, ...rest);
  fdPaths.set(fd, String(path));
  return fd;
};
fs.closeSync = function (fd) {
  fdPaths.delete(fd);
  return closeSync.call(this, fd);
};
fs.writeSync = function (fd, data, ...rest) {
  spend(fdPaths.get(fd), size(data));
  return writeSync.call(this, fd, data, ...rest);
};
fs.writeFileSync = function (path, data, ...rest) {
  spend(String(path), size(data));
  return writeFileSync.call(this, path, data, ...rest);
};
fs.copyFileSync = function (src, dest, ...rest) {
  spend(String(dest), fs.statSync(src).size);
  return copyFileSync.call(this, src, dest, ...rest);
};
fs.statfsSync = function (path, ...rest) {
  const s = statfsSync.call(this, path, ...rest);
  return inside(String(path)) ? { ...s, bsize: PAGE, bavail: Math.floor(free / PAGE) } : s;
};
