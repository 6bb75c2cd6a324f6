#!/usr/bin/env node
// The map of src/ as the compiler sees it: every relative import (static, `export ... from`,
// `import()`, `import('x').T` types, require and jest.mock strings) resolved to a file, then counted
// between the top-level folders of src/. Prints the folder matrix, the folder cycles (strongly
// connected groups, with the count each way), the imports that run up out of core/ or into the
// application root, and the Nest modules per folder.
//
//   node scripts/architecture/folder-graph.js [root] [--json [--files]] [--check]
//
// --json prints the same as JSON (with every cross-folder import in crossEdges; --files adds every
// resolved import, specs included).
// --check exits 1 when there is any folder cycle (of any length), upward import or unresolved import,
// a folder with more than one Nest module, or a module declared in a cli/ folder, so CI holds the map (ARCHITECTURE.md; DESIGN.md section 3: core imports no feature; no folder
// cycles). No import is exempt: an older `--baseline file` argument is ignored, with a warning.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const args = process.argv.slice(2);
const root = path.resolve(args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--baseline') ?? path.join(__dirname, '..', '..'));
if (args.includes('--baseline')) process.stderr.write('check: --baseline is no longer read: no folder cycle or upward import is exempt\n');
const asJson = args.includes('--json');
const check = args.includes('--check');
const ts = require(require.resolve('typescript', { paths: [root] }));

const SRC = path.join(root, 'src');
const EXTENSIONS = ['.ts', '.tsx', '.js', '.json'];

function walk(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (/\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/** Every module specifier a file names, with whether the import is for types only. */
function specifiers(file) {
  const text = fs.readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found = [];
  const add = (literal, typeOnly) => {
    if (literal && ts.isStringLiteralLike(literal)) found.push({ spec: literal.text, typeOnly });
  };
  const visit = (node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && !!clause.namedBindings && ts.isNamedImports(clause.namedBindings) && clause.namedBindings.elements.length > 0 && clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      add(node.moduleSpecifier, typeOnly);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      add(node.moduleSpecifier, node.isTypeOnly);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal, true);
    } else if (ts.isCallExpression(node) && node.arguments.length > 0) {
      const callee = node.expression;
      const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
      const isJest = ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'jest' && ['mock', 'doMock', 'unmock', 'requireActual', 'requireMock', 'createMockFromModule'].includes(callee.name.text);
      const isResolve = ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'require' && callee.name.text === 'resolve';
      if (isImport || isRequire || isJest || isResolve) add(node.arguments[0], false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function resolveRelative(fromFile, spec) {
  if (!spec.startsWith('.')) return null;
  const base = path.resolve(path.dirname(fromFile), spec);
  const candidates = [base, ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => path.join(base, 'index' + e))];
  if (/\.js$/.test(base)) candidates.push(base.replace(/\.js$/, '.ts'));
  return candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile()) ?? null;
}

/** The top-level folder of src/ a file belongs to; files at the root of src/ are the application root, "(root)". */
function folderOf(file) {
  const rel = path.relative(SRC, file);
  if (rel.startsWith('..')) return null;
  const parts = rel.split(path.sep);
  return parts.length === 1 ? '(root)' : parts[0];
}

const files = walk(SRC);
const edges = []; // { from, to, fromFolder, toFolder, typeOnly }
const unresolved = [];
for (const file of files) {
  for (const { spec, typeOnly } of specifiers(file)) {
    if (!spec.startsWith('.')) continue;
    const target = resolveRelative(file, spec);
    if (!target) {
      unresolved.push(`${path.relative(root, file)}: ${spec}`);
      continue;
    }
    const toFolder = folderOf(target);
    if (toFolder === null) continue;
    edges.push({ from: path.relative(root, file), to: path.relative(root, target), fromFolder: folderOf(file), toFolder, typeOnly });
  }
}

// Production code only for the folder graph: specs and test builders may reach anywhere.
const isTestFile = (f) => /\.spec\.ts$/.test(f) || /(^|\/)testing\//.test(f);
const folders = [...new Set(files.map(folderOf))].sort();
const count = {};
const countAll = {};
for (const e of edges) {
  if (e.fromFolder === e.toFolder) continue;
  const key = `${e.fromFolder} -> ${e.toFolder}`;
  countAll[key] = (countAll[key] ?? 0) + 1;
  if (!isTestFile(e.from)) count[key] = (count[key] ?? 0) + 1;
}

// Tarjan's strongly connected components over the production folder graph.
function components(nodes, edgeCount) {
  const adj = new Map(nodes.map((n) => [n, []]));
  for (const key of Object.keys(edgeCount)) {
    const [a, b] = key.split(' -> ');
    adj.get(a).push(b);
  }
  let index = 0;
  const stack = [];
  const info = new Map();
  const result = [];
  const strong = (v) => {
    info.set(v, { index, low: index, onStack: true });
    index++;
    stack.push(v);
    for (const w of adj.get(v)) {
      if (!info.has(w)) {
        strong(w);
        info.get(v).low = Math.min(info.get(v).low, info.get(w).low);
      } else if (info.get(w).onStack) {
        info.get(v).low = Math.min(info.get(v).low, info.get(w).index);
      }
    }
    if (info.get(v).low === info.get(v).index) {
      const group = [];
      let w;
      do {
        w = stack.pop();
        info.get(w).onStack = false;
        group.push(w);
      } while (w !== v);
      if (group.length > 1) result.push(group.sort());
    }
  };
  for (const n of nodes) if (!info.has(n)) strong(n);
  return result;
}

const describe = (edgeCount) => (group) => ({
  folders: group,
  edges: Object.entries(edgeCount)
    .filter(([k]) => {
      const [a, b] = k.split(' -> ');
      return group.includes(a) && group.includes(b);
    })
    .map(([k, n]) => `${k}: ${n}`),
});
const cycles = components(folders, count).map(describe(count));
// The same among the features alone (core/ and the root left out), since core's upward imports
// would otherwise fold every folder into one group and hide the feature-to-feature cycles.
const featureCount = Object.fromEntries(Object.entries(count).filter(([k]) => !/(^|> )(core|\(root\))( |$)/.test(k)));
const featureFolders = folders.filter((f) => f !== 'core' && f !== '(root)');
const featureCycles = components(featureFolders, featureCount).map(describe(featureCount));

// Pairs that import each other directly (the two-folder cycles), with the count each way.
const mutualPairs = [];
for (const a of folders)
  for (const b of folders)
    if (a < b && count[`${a} -> ${b}`] && count[`${b} -> ${a}`]) mutualPairs.push({ pair: `${a} <-> ${b}`, there: count[`${a} -> ${b}`], back: count[`${b} -> ${a}`] });

// Upward: core/ importing anything outside core/, or any folder importing the application root.
const upward = edges.filter((e) => !isTestFile(e.from) && ((e.fromFolder === 'core' && e.toFolder !== 'core') || (e.toFolder === '(root)' && e.fromFolder !== '(root)')));

// Nest modules: classes decorated with @Module, per file.
const modules = [];
for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  const re = /@Module\(/g;
  let m;
  while ((m = re.exec(text))) {
    const after = text.slice(m.index);
    const cls = /class\s+(\w+)/.exec(after);
    modules.push({ file: path.relative(root, file), name: cls ? cls[1] : '?' });
  }
}

const crossEdges = edges.filter((e) => e.fromFolder !== e.toFolder && !isTestFile(e.from)).map((e) => `${e.from} -> ${e.to}${e.typeOnly ? ' (type)' : ''}`);
const report = { files: files.length, fileEdges: args.includes('--files') ? edges : undefined, edges: edges.length, modules, folders, matrix: count, matrixWithTests: countAll, mutualPairs, cycles, featureCycles, crossEdges, upward: upward.map((e) => `${e.from} -> ${e.to}${e.typeOnly ? ' (type)' : ''}`), unresolved };

if (asJson) {
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
} else {
  const out = [];
  out.push(`${files.length} files under src/, ${edges.length} relative imports resolved, ${unresolved.length} unresolved`);
  out.push(`\nNest modules (${modules.length}):`);
  for (const m of modules) out.push(`  ${m.name.padEnd(30)} ${m.file}`);
  const perFolder = {};
  for (const m of modules) perFolder[folderOf(path.join(root, m.file))] = (perFolder[folderOf(path.join(root, m.file))] ?? 0) + 1;
  out.push(`  per folder: ${Object.entries(perFolder).map(([f, n]) => `${f} ${n}`).join(', ')}`);
  out.push('\nImports between top-level folders, row imports column (production files; specs and testing/ builders left out):');
  const width = Math.max(...folders.map((f) => f.length)) + 4;
  out.push('  ' + ''.padEnd(width) + folders.map((_, i) => String(i + 1).padStart(5)).join(''));
  folders.forEach((a, i) => out.push('  ' + `${String(i + 1).padStart(2)} ${a}`.padEnd(width) + folders.map((b) => (a === b ? '.' : String(count[`${a} -> ${b}`] ?? '')).padStart(5)).join('')));
  out.push(`\nFolder pairs importing each other (${mutualPairs.length}):`);
  for (const p of mutualPairs) out.push(`  ${p.pair}: ${p.there} one way, ${p.back} back`);
  out.push(`\nFolder cycles (strongly connected groups: ${cycles.length}):`);
  for (const c of cycles) out.push(`  {${c.folders.join(', ')}}: ${c.edges.join('; ')}`);
  out.push(`\nFolder cycles among the features alone, core/ and the root left out (${featureCycles.length}):`);
  for (const c of featureCycles) out.push(`  {${c.folders.join(', ')}}: ${c.edges.join('; ')}`);
  out.push(`\nUpward imports (core/ importing a feature or the root, or anything importing the root): ${upward.length}`);
  for (const u of report.upward) out.push(`  ${u}`);
  if (unresolved.length) out.push(`\nUnresolved relative imports:\n  ${unresolved.join('\n  ')}`);
  process.stdout.write(out.join('\n') + '\n');
}
if (check) {
  const checked = {};
  for (const e of edges) {
    if (e.fromFolder === e.toFolder || isTestFile(e.from)) continue;
    const key = `${e.fromFolder} -> ${e.toFolder}`;
    checked[key] = (checked[key] ?? 0) + 1;
  }
  const lines = [];
  for (const c of components(folders, checked).map(describe(checked))) lines.push(`folder cycle {${c.folders.join(', ')}}: ${c.edges.join('; ')}`);
  for (const e of upward) lines.push(`upward import ${e.from} -> ${e.to}`);
  for (const u of unresolved) lines.push(`unresolved import ${u}`);
  // One folder, one Nest module (the root has AppModule); a command-line tool declares none.
  const production = modules.filter((m) => !isTestFile(path.join(root, m.file)));
  const byFolder = {};
  for (const m of production) (byFolder[folderOf(path.join(root, m.file))] ??= []).push(m);
  for (const [folder, declared] of Object.entries(byFolder)) {
    if (declared.length > 1) lines.push(`${folder} declares ${declared.length} Nest modules (${declared.map((m) => `${m.name} in ${m.file}`).join(', ')}): one folder, one module`);
  }
  for (const m of production) if (m.file.split(path.sep).includes('cli')) lines.push(`${m.file} declares a Nest module (${m.name}): a command-line tool builds its context from the feature modules`);
  for (const line of lines) process.stderr.write(`check failed: ${line}\n`);
  if (lines.length > 0) process.exit(1);
}
