import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

// The map's rules (ARCHITECTURE.md) as lint holds them: each rule gets a file that breaks it and a
// clean twin, linted with the repository's own ESLint configuration; then the folder check on small
// trees. ESLint loads its configuration as an ES module, so it runs in a child process here.

const ROOT = resolve(__dirname, '..', '..');

interface Sample {
  name: string;
  filePath: string;
  code: string;
}

interface Finding {
  name: string;
  messages: { ruleId: string | null; message: string }[];
}

function lint(samples: Sample[]): Map<string, string[]> {
  const script = `
    import { ESLint } from 'eslint';
    const samples = JSON.parse(process.argv[1]);
    const eslint = new ESLint({ cwd: process.cwd() });
    const out = [];
    for (const s of samples) {
      const [result] = await eslint.lintText(s.code, { filePath: s.filePath });
      out.push({ name: s.name, messages: result.messages.map((m) => ({ ruleId: m.ruleId, message: m.message })) });
    }
    process.stdout.write(JSON.stringify(out));
  `;
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(samples)], { cwd: ROOT, encoding: 'utf8' });
  const findings = JSON.parse(output) as Finding[];
  return new Map(findings.map((f) => [f.name, f.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)]));
}

const SAMPLES: Sample[] = [
  // domain/ is pure.
  { name: 'domain imports typeorm', filePath: 'src/certificates/domain/probe.ts', code: "import { DataSource } from 'typeorm';\nexport const probe = DataSource;\n" },
  { name: 'domain imports nest', filePath: 'src/exchange/domain/probe.ts', code: "import { Injectable } from '@nestjs/common';\nexport const probe = Injectable;\n" },
  { name: 'domain imports an entity', filePath: 'src/certificates/domain/probe.ts', code: "import type { CertificateEntity } from '../entities/certificate.entity';\nexport type Probe = CertificateEntity;\n" },
  { name: 'domain reads files', filePath: 'src/verification/verify/domain/probe.ts', code: "import { readFileSync } from 'node:fs';\nexport const probe = readFileSync;\n" },
  { name: 'domain opens a queue', filePath: 'src/exchange/domain/probe.ts', code: "import { Queue } from 'bullmq';\nexport const probe = Queue;\n" },
  { name: 'domain queries the database', filePath: 'src/matching/domain/probe.ts', code: "import { Pool } from 'pg';\nexport const probe = Pool;\n" },
  { name: 'a pure lifecycle imports typeorm', filePath: 'src/core/lifecycle/probe.ts', code: "import { DataSource } from 'typeorm';\nexport const probe = DataSource;\n" },
  { name: 'domain imports pure code', filePath: 'src/certificates/domain/probe.ts', code: "import { CertificateStatus } from './certificate-status';\nexport const probe = CertificateStatus.ISSUED;\n" },
  // core/ imports no feature and not the root.
  { name: 'core imports a feature', filePath: 'src/core/http/probe.ts', code: "import { CertificateError } from '../../certificates/certificate.error';\nexport const probe = CertificateError;\n" },
  { name: 'core imports the root', filePath: 'src/core/http/probe.ts', code: "import { ENTITIES } from '../../entities';\nexport const probe = ENTITIES;\n" },
  { name: 'core imports core', filePath: 'src/core/http/probe.ts', code: "import { RequestError } from '../errors/request-error';\nexport const probe = RequestError;\n" },
  // A module's entities and store are its own.
  { name: 'a service imports another module\'s store', filePath: 'src/authority-exchange/cases/probe.ts', code: "import { CertificateStore } from '../../certificates/certificate-store';\nexport const probe = CertificateStore;\n" },
  { name: 'a service imports another module\'s entity', filePath: 'src/matching/declarations/probe.ts', code: "import { CertificateEntity } from '../../certificates/entities/certificate.entity';\nexport const probe = CertificateEntity;\n" },
  { name: 'a service imports another module\'s service', filePath: 'src/matching/declarations/probe.ts', code: "import { CertificateLedger } from '../../certificates/ledger/certificate-ledger';\nexport const probe = CertificateLedger;\n" },
  { name: 'an entity relates to another module\'s entity', filePath: 'src/matching/entities/probe.entity.ts', code: "import { CertificateEntity } from '../../certificates/entities/certificate.entity';\nexport const probe = CertificateEntity;\n" },
  // The allowed arrows: nobody imports reporting, and a lower folder does not import a higher one.
  { name: 'matching imports reporting', filePath: 'src/matching/declarations/probe.ts', code: "import { StatsService } from '../../reporting/stats/stats.service';\nexport const probe = StatsService;\n" },
  { name: 'pki imports certificates', filePath: 'src/pki/services/probe.ts', code: "import { CertificateError } from '../../certificates/certificate.error';\nexport const probe = CertificateError;\n" },
  { name: 'certificates imports pki', filePath: 'src/certificates/use-cases/probe.ts', code: "import { PkiError } from '../../pki/pki.error';\nexport const probe = PkiError;\n" },
  { name: 'a feature imports the root', filePath: 'src/exchange/probe.ts', code: "import { AppModule } from '../app.module';\nexport const probe = AppModule;\n" },
  { name: 'reporting reads everyone', filePath: 'src/reporting/stats/probe.ts', code: "import { CertificateEntity } from '../../certificates/entities/certificate.entity';\nexport const probe = CertificateEntity;\n" },
  // scripts/ never imports test/.
  { name: 'a script imports test', filePath: 'scripts/probe.ts', code: "import { TestHub } from '../test/support/hub';\nexport const probe = TestHub;\n" },
  { name: 'a script imports src', filePath: 'scripts/probe.ts', code: "import { canonicalJson } from '../src/core/canonical/canonical-json';\nexport const probe = canonicalJson;\n" },
];

describe('the lint rules of the map (eslint.config.mjs, scripts/architecture/boundaries.mjs)', () => {
  let found: Map<string, string[]>;

  beforeAll(() => {
    found = lint(SAMPLES);
  }, 60_000);

  const refused = (name: string, words: RegExp) => {
    const messages = found.get(name) ?? [];
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.join('\n')).toMatch(words);
  };
  const passes = (name: string) => expect(found.get(name)).toEqual([]);

  it('keeps domain/ free of frameworks, the database, I/O and entities', () => {
    refused('domain imports typeorm', /domain\/ is pure/);
    refused('domain imports nest', /domain\/ is pure/);
    refused('domain imports an entity', /domain\/ is pure/);
    refused('domain reads files', /domain\/ is pure/);
    refused('domain opens a queue', /domain\/ is pure/);
    refused('domain queries the database', /domain\/ is pure/);
    refused('a pure lifecycle imports typeorm', /domain\/ is pure/);
    passes('domain imports pure code');
  });

  it('keeps core/ the ground floor', () => {
    refused('core imports a feature', /core\/ may import only itself/);
    refused('core imports the root', /Nothing imports the application root/);
    passes('core imports core');
  });

  it("keeps each module's entities and store its own, save the relations between entities and the read model", () => {
    refused("a service imports another module's store", /entities and store are its own/);
    refused("a service imports another module's entity", /entities and store are its own/);
    passes("a service imports another module's service");
    passes("an entity relates to another module's entity");
    passes('reporting reads everyone');
  });

  it('holds the allowed arrows between folders, and nobody imports reporting or the root', () => {
    refused('matching imports reporting', /matching\/ may import only core, audit, dataset, authorities, certificates/);
    refused('pki imports certificates', /pki\/ may import only/);
    passes('certificates imports pki');
    refused('a feature imports the root', /Nothing imports the application root/);
  });

  it('keeps scripts/ off test/', () => {
    refused('a script imports test', /scripts\/ never imports test\//);
    passes('a script imports src');
  });
});

describe('the map itself (scripts/architecture/boundaries.mjs)', () => {
  const map = JSON.parse(
    execFileSync(
      process.execPath,
      ['--input-type=module', '-e', "import { FOLDERS, ALLOWED } from './scripts/architecture/boundaries.mjs'; process.stdout.write(JSON.stringify({ FOLDERS, ALLOWED }));"],
      { cwd: ROOT, encoding: 'utf8' },
    ),
  ) as { FOLDERS: string[]; ALLOWED: Record<string, string[]> };

  it('names every top-level folder of src/, so none escapes the rules', () => {
    const folders = readdirSync(join(ROOT, 'src'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect([...map.FOLDERS].sort()).toEqual(folders.sort());
    expect(Object.keys(map.ALLOWED).sort()).toEqual(folders.sort());
  });

  it("is what the README's map of src/ lists, folder for folder", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = /## What is inside[\s\S]*?```\nsrc\/\n([\s\S]*?)```/.exec(readme);
    expect(block).not.toBeNull();
    const listed = [...(block as RegExpExecArray)[1].matchAll(/^ {2}([a-z-]+)\/ /gm)].map((m) => m[1]);
    expect([...new Set(listed)].sort()).toEqual([...map.FOLDERS].sort());
    const rootFiles = readdirSync(join(ROOT, 'src'), { withFileTypes: true }).filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts'));
    for (const file of rootFiles) expect((block as RegExpExecArray)[1]).toContain(file.name);
  });

  it("is the table ARCHITECTURE.md draws, row for row", () => {
    const doc = readFileSync(join(ROOT, 'ARCHITECTURE.md'), 'utf8');
    const rows = new Map([...doc.matchAll(/^\| `([a-z-]+)\/` \| ([^|]+) \|$/gm)].map((m) => [m[1], m[2].trim()]));
    expect([...rows.keys()].sort()).toEqual([...map.FOLDERS].sort());
    for (const folder of map.FOLDERS) {
      const written = rows.get(folder) as string;
      const allowed = written === 'nothing outside itself' ? [] : written === 'every folder' ? map.FOLDERS.filter((f) => f !== folder) : written.split(', ');
      expect({ folder, allowed: [...allowed].sort() }).toEqual({ folder, allowed: [...map.ALLOWED[folder]].sort() });
    }
  });

  it('allows arrows that go one way only: the allowed imports have no cycle', () => {
    const done = new Set<string>();
    const visiting: string[] = [];
    const visit = (folder: string): void => {
      if (done.has(folder)) return;
      expect(visiting).not.toContain(folder);
      visiting.push(folder);
      for (const next of map.ALLOWED[folder]) visit(next);
      visiting.pop();
      done.add(folder);
    };
    for (const folder of map.FOLDERS) visit(folder);
    expect(map.ALLOWED.core).toEqual([]);
    expect(Object.values(map.ALLOWED).some((allowed) => allowed.includes('reporting'))).toBe(false);
  });
});

describe('folder-graph.js --check', () => {
  let tree: string;

  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(tree, file)), { recursive: true });
    writeFileSync(join(tree, file), text);
  };
  const check = (...extra: string[]) =>
    spawnSync(process.execPath, [join(ROOT, 'scripts/architecture/folder-graph.js'), tree, '--check', ...extra], { encoding: 'utf8' });

  beforeEach(() => {
    tree = mkdtempSync(join(tmpdir(), 'folder-graph-'));
    // The script resolves TypeScript from the tree it reads.
    mkdirSync(join(tree, 'node_modules'));
    execFileSync('ln', ['-s', join(ROOT, 'node_modules/typescript'), join(tree, 'node_modules/typescript')]);
    write('src/core/clock.ts', 'export const now = () => new Date();\n');
    write('src/a/a.service.ts', "import { now } from '../core/clock';\nimport { b } from '../b/b.service';\nexport const a = () => b() + String(now());\n");
    write('src/b/b.service.ts', "export const b = () => 'b';\n");
  });

  afterEach(() => rmSync(tree, { recursive: true, force: true }));

  it('passes a tree whose folders import one way', () => {
    expect(check().status).toBe(0);
  });

  it('fails on a cycle between two folders, and on core importing a feature', () => {
    write('src/b/b.service.ts', "import { a } from '../a/a.service';\nexport const b = () => 'b' + typeof a;\n");
    const cycle = check();
    expect(cycle.status).toBe(1);
    expect(cycle.stderr).toMatch(/folder cycle \{a, b\}/);
    write('src/b/b.service.ts', "export const b = () => 'b';\n");
    write('src/core/clock.ts', "import { b } from '../b/b.service';\nexport const now = () => new Date(b());\n");
    const upward = check();
    expect(upward.status).toBe(1);
    expect(upward.stderr).toMatch(/upward import src\/core\/clock.ts -> src\/b\/b.service.ts/);
  });

  it('fails on a cycle of any length, three folders round', () => {
    write('src/b/b.service.ts', "import { c } from '../c/c.service';\nexport const b = () => 'b' + c;\n");
    write('src/c/c.service.ts', "import { a } from '../a/a.service';\nexport const c = typeof a;\n");
    const round = check();
    expect(round.status).toBe(1);
    expect(round.stderr).toMatch(/folder cycle \{a, b, c\}/);
  });

  it('fails on a second Nest module in a folder, and on a module declared by a command-line tool', () => {
    write('src/b/b.module.ts', "import { Module } from '@nestjs/common';\n@Module({})\nexport class BModule {}\n");
    expect(check().status).toBe(0);
    write('src/b/inner/inner.module.ts', "import { Module } from '@nestjs/common';\n@Module({})\nexport class InnerModule {}\n");
    const second = check();
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(/b declares 2 Nest modules \(BModule in src\/b\/b.module.ts, InnerModule in src\/b\/inner\/inner.module.ts\)/);
    rmSync(join(tree, 'src/b/inner'), { recursive: true });
    write('src/a/cli/tool.ts', "import { Module } from '@nestjs/common';\n@Module({})\nclass ToolModule {}\nexport const tool = ToolModule;\n");
    const cli = check();
    expect(cli.status).toBe(1);
    expect(cli.stderr).toMatch(/src\/a\/cli\/tool.ts declares a Nest module \(ToolModule\)/);
  });

  it('exempts nothing: an old --baseline list of imports is not read', () => {
    write('src/b/b.service.ts', "import { a } from '../a/a.service';\nexport const b = () => 'b' + typeof a;\n");
    write('baseline.json', JSON.stringify({ edges: ['src/b/b.service.ts -> src/a/a.service.ts'] }));
    const listed = check('--baseline', join(tree, 'baseline.json'));
    expect(listed.status).toBe(1);
    expect(listed.stderr).toMatch(/--baseline is no longer read/);
    expect(listed.stderr).toMatch(/folder cycle \{a, b\}/);
  });
});
