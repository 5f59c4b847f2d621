/**
 * The dependency solver (SPEC §4), pure: it sees packs only through a `GraphProvider` ("which
 * versions of X exist" and "what does X@v depend on"), so resolution over the store, over a
 * composition with pins, or over test graphs is the same code.
 *
 * Strategy: depth-first backtracking. The next package decided is the pending one with the fewest
 * candidates left; its candidates are tried newest first; a choice whose dependencies contradict an
 * earlier choice is skipped; when nothing fits, the search goes back to the previous decision. The
 * search space is complete, so "no solution" is a real answer, and the first solution found is the
 * one preferring the highest versions in decision order.
 */
import { rcompare, satisfies, validRange } from 'semver';
import { ResolutionError } from '../errors';

export interface DependencySpec {
  name: string;
  range: string;
  optional: boolean;
}

export interface GraphProvider {
  /** Every available version of `name` (any order; empty when the name is unknown). */
  versions(name: string): string[];
  /** The declared dependencies of `name@version`. */
  dependencies(name: string, version: string): DependencySpec[];
}

/** A constraint on `name` and who imposed it (`pack@1.0.0`, or a label such as "the command line"). */
export interface Requirement {
  name: string;
  range: string;
  requirer: string;
}

// includeOptional and pins accept undefined (= absent): resolveGraph passes its own options through.
export interface SolveOptions {
  includeOptional?: boolean | undefined;
  /** name → exact version that must be chosen (a composition pin or a lock wins). */
  pins?: Record<string, string> | undefined;
  /** Give up after this many tried choices (default 100,000). */
  maxSteps?: number;
}

export interface SolvedPack {
  name: string;
  version: string;
  /** Names of its dependencies in the solution, declaration order. */
  dependencies: string[];
}

export interface Solution {
  /** Dependencies before dependents, each once; the last root last. */
  order: SolvedPack[];
  warnings: string[];
}

interface State {
  chosen: Map<string, string>;
  reqs: Map<string, Requirement[]>;
}

interface Failure {
  depth: number;
  name: string;
  reqs: Requirement[];
}

const MAX_DEPTH = 5;

function normRange(r: string): string {
  const t = r.trim();
  return t === '' || t === 'latest' ? '*' : t;
}

/** Solve `roots`; throws ResolutionError naming every requirer and range, or the cycle path. */
export function solve(roots: Requirement[], provider: GraphProvider, opts: SolveOptions = {}): Solution {
  const warnings = new Set<string>();
  const versionCache = new Map<string, string[]>();
  const depCache = new Map<string, DependencySpec[]>();
  const sortedVersions = (name: string): string[] => {
    let v = versionCache.get(name);
    if (!v) versionCache.set(name, (v = [...new Set(provider.versions(name))].sort(rcompare)));
    return v;
  };
  const depsOf = (name: string, version: string): DependencySpec[] => {
    const key = `${name}@${version}`;
    let d = depCache.get(key);
    if (!d) {
      d = provider.dependencies(name, version).filter((x) => opts.includeOptional || !x.optional);
      for (const x of d) checkRange(x.name, normRange(x.range), key);
      depCache.set(key, d);
    }
    return d;
  };
  const checkRange = (name: string, range: string, requirer: string): void => {
    if (validRange(range) === null) {
      throw new ResolutionError(`${requirer} requires ${name} "${range}", which is not a semver range`, {
        hint: 'Use a range such as ^1.2.0, ~1.2.0, >=1.0.0 <2.0.0 or an exact version.',
      });
    }
    if (range === '*' || range === 'x') warnings.add(`${requirer} accepts any version of ${name} ("*"); pin a range such as ^1.0.0`);
  };

  const initial: State = { chosen: new Map(), reqs: new Map() };
  for (const r of roots) {
    const range = normRange(r.range);
    checkRange(r.name, range, r.requirer);
    initial.reqs.set(r.name, [...(initial.reqs.get(r.name) ?? []), { ...r, range }]);
  }

  let steps = 0;
  const maxSteps = opts.maxSteps ?? 100_000;
  let worst: Failure | null = null;
  const fail = (f: Failure) => {
    if (!worst || f.depth > worst.depth) worst = f;
  };
  const candidates = (name: string, reqs: Requirement[]): string[] => {
    const pin = opts.pins?.[name];
    return sortedVersions(name).filter((v) => (pin === undefined || v === pin) && reqs.every((r) => satisfies(v, r.range)));
  };

  const search = (state: State): State | null => {
    let next: { name: string; cands: string[] } | null = null;
    for (const [name, reqs] of state.reqs) {
      if (state.chosen.has(name)) continue;
      const cands = candidates(name, reqs);
      if (!next || cands.length < next.cands.length || (cands.length === next.cands.length && name < next.name)) next = { name, cands };
      if (cands.length === 0) break;
    }
    if (!next) return state;
    const { name, cands } = next;
    if (cands.length === 0) {
      fail({ depth: state.chosen.size, name, reqs: state.reqs.get(name)! });
      return null;
    }
    for (const v of cands) {
      if (++steps > maxSteps) {
        throw new ResolutionError(`Dependency resolution gave up after ${maxSteps} attempts`, {
          hint: 'Narrow the version ranges of the dependencies.',
        });
      }
      const reqs = new Map(state.reqs);
      let conflict = false;
      for (const d of depsOf(name, v)) {
        const req: Requirement = { name: d.name, range: normRange(d.range), requirer: `${name}@${v}` };
        const list = [...(reqs.get(d.name) ?? []), req];
        reqs.set(d.name, list);
        const have = d.name === name ? v : state.chosen.get(d.name);
        if (have !== undefined && !satisfies(have, req.range)) {
          fail({ depth: state.chosen.size + 1, name: d.name, reqs: list });
          conflict = true;
          break;
        }
      }
      if (conflict) continue;
      const chosen = new Map(state.chosen).set(name, v);
      const found = search({ chosen, reqs });
      if (found) return found;
    }
    return null;
  };

  const result = search(initial);
  if (!result) throw noSolution(worst!, sortedVersions);
  const order = topoOrder(roots, result.chosen, depsOf);
  const depth = longestChain(roots, result.chosen, depsOf);
  if (depth.length - 1 > MAX_DEPTH) {
    warnings.add(`Dependency chain is ${depth.length - 1} levels deep (more than ${MAX_DEPTH}): ${depth.join(' → ')}`);
  }
  return { order, warnings: [...warnings] };
}

function noSolution(f: Failure, versions: (name: string) => string[]): ResolutionError {
  const available = versions(f.name);
  const who = f.reqs.map((r) => `${r.range} (required by ${r.requirer})`).join(' and ');
  if (available.length === 0) {
    return new ResolutionError(`no pack named ${f.name} is available; ${who}`, {
      hint: `Install or publish ${f.name}, or remove the dependency on it. \`ggen-pack search ${f.name}\` lists similar packs.`,
    });
  }
  return new ResolutionError(`no version of ${f.name} satisfies ${who}; available: ${[...available].reverse().join(', ')}`, {
    hint: 'Relax one of these ranges, or install a version of the requiring pack that agrees with the others.',
  });
}

type DepsOf = (name: string, version: string) => DependencySpec[];

/** Post-order DFS from the roots: dependencies first; a back edge is a cycle, reported as a path. */
function topoOrder(roots: Requirement[], chosen: Map<string, string>, depsOf: DepsOf): SolvedPack[] {
  const out: SolvedPack[] = [];
  const done = new Set<string>();
  const stack: string[] = [];
  const visit = (name: string): void => {
    if (done.has(name)) return;
    const at = stack.indexOf(name);
    if (at >= 0) {
      const path = [...stack.slice(at), name].join(' → ');
      throw new ResolutionError(`dependency cycle: ${path}`, {
        hint: 'Remove one of the dependencies on this path; packs cannot depend on themselves.',
      });
    }
    stack.push(name);
    const version = chosen.get(name)!;
    const deps = depsOf(name, version).map((d) => d.name);
    for (const d of deps) visit(d);
    stack.pop();
    done.add(name);
    out.push({ name, version, dependencies: [...new Set(deps)] });
  };
  for (const r of roots) visit(r.name);
  return out;
}

/** The longest dependency chain from any root (names), for the depth warning. */
function longestChain(roots: Requirement[], chosen: Map<string, string>, depsOf: DepsOf): string[] {
  const memo = new Map<string, string[]>();
  const chain = (name: string): string[] => {
    const hit = memo.get(name);
    if (hit) return hit;
    let best: string[] = [];
    for (const d of depsOf(name, chosen.get(name)!)) {
      const c = chain(d.name);
      if (c.length > best.length) best = c;
    }
    const res = [name, ...best];
    memo.set(name, res);
    return res;
  };
  return roots.map((r) => chain(r.name)).reduce((a, b) => (b.length > a.length ? b : a), [] as string[]);
}
