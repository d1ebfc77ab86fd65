/**
 * Bench section "definition": the definition work alone (src/definition, `loadPackage`: locate,
 * parse, decode, migrate, compose the imports, filter by flavor and architecture, fill the
 * create-time templates, validate) for a generated package of 40 components composed through 3
 * levels of `import: path:`. Target (issue 10): under 1 s on this machine.
 *
 * Why not the whole action: a run of `dist/index.js` also pays node's start and the parsing of the
 * 2.9 MB bundle (about 0.15 s, measured in the other sections), the blob cache and writing the
 * package; none of that grows with the definition, and a definition that names images would also
 * pull them. So the bench builds `src/definition/index.ts` with `npm run build`'s ncc flags into its
 * temp dir (the same compiled code the action runs, built from src/ as it is now), and times the one
 * `loadPackage()` call in a fresh node process per run, as the action makes it once per run with a
 * cold JIT. Loading the bundle is timed apart and not counted. The warm figure (the same call
 * repeated in one process) is printed for comparison only. Every run checks the result: 40
 * components, each holding what all 4 files gave it, with paths rebased and templates filled, so a
 * fast run that did not do the work cannot pass.
 *
 * The package (written to a temp dir): zarf.yaml with 40 components; each imports its name from one
 * of 4 files `layers/l1/g<k>` (10 components each), which import from `layers/l2/g<k>`, which import
 * from `layers/l3/g<k>`, where each name exists twice, for flavors `a` and `b` (built with flavor
 * `a`). Each level adds images, actions, charts (merged by name), manifests, files, healthChecks,
 * variables, constants and values files; templates `###ZARF_PKG_TMPL_…###` are used at every level.
 * No skeleton import (no registry), no network.
 *
 * Alone: `node bench/definition.mjs` (builds the bundle, about 15 s, unless BENCH_DEFINITION_BUNDLE
 * names a folder holding one). From bench/run.mjs: `definitionReportLines(await
 * runDefinitionBench({ tmp, log }))`. Environment: BENCH_DEFINITION_RUNS (fresh processes, default
 * 7), BENCH_DEFINITION_BUNDLE (a folder with index.js built from src/definition/index.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, runAlone, sectionOptions, teardown } from './common.mjs';
import { run } from './registry.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFINITION_TARGET_MS = 1000;
const COMPONENTS = 40;
const GROUPS = 4;
const FLAVOR = 'a';
const SET = { VERSION: '2.4.0', TAG: '2.4.0-bench', REGISTRY: 'registry.example' };

const name = (i) => `app-${String(i).padStart(2, '0')}`;
const inGroup = (k) => [...Array(COMPONENTS).keys()].filter((i) => i % GROUPS === k);
const q = (s) => JSON.stringify(s);

function write(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

/** Package-level lists each file brings (joined by compose as Zarf joins them). */
function packageLists(level) {
  const up = level.toUpperCase();
  return [
    'variables:',
    ...[1, 2, 3].map((n) => `  - name: ${up}_VAR_${n}\n    description: a variable of ${level}\n    default: "${n}"`),
    'constants:',
    `  - name: ${up}_CONST\n    value: "###ZARF_PKG_TMPL_VERSION###"\n    pattern: "^[0-9.]+$"`,
    'values:',
    '  files:',
    `    - values/${level}.yaml`
  ].join('\n');
}

/**
 * Writes the package into `ws/pkg`; resolves with the zarf.yaml folder relative to `ws`.
 * Leaves (l3) come in two flavors; l2 adds charts' values (merged by chart name) and actions; l1 adds
 * manifests and images; the root adds images and requires every component.
 */
export function writeComposedPackage(ws) {
  const pkg = path.join(ws, 'pkg');
  for (let k = 0; k < GROUPS; k++) {
    const l3 = path.join(pkg, 'layers', 'l3', `g${k}`);
    const leaves = [];
    for (const i of inGroup(k)) {
      write(path.join(l3, 'files', `${name(i)}.conf`), `name=${name(i)}\n`);
      write(path.join(l3, 'manifests', `${name(i)}.yaml`), `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name(i)}\ndata:\n  level: l3\n`);
      for (const flavor of ['a', 'b']) {
        leaves.push(
          [
            `  - name: ${name(i)}`,
            `    description: leaf ${name(i)} (${flavor})`,
            `    only:\n      flavor: ${flavor}`,
            `    images:\n      - "###ZARF_PKG_TMPL_REGISTRY###/leaf/${name(i)}-${flavor}:###ZARF_PKG_TMPL_TAG###"\n      - registry.example/leaf/sidecar:1.0.${i}`,
            `    charts:\n      - name: ${name(i)}\n        namespace: ${name(i)}\n        url: oci://registry.example/charts/${name(i)}\n        version: 1.${i}.0\n        valuesFiles:\n          - values/${name(i)}.yaml`,
            `    manifests:\n      - name: ${name(i)}-base\n        namespace: ${name(i)}\n        files:\n          - manifests/${name(i)}.yaml`,
            `    files:\n      - source: files/${name(i)}.conf\n        target: /etc/${name(i)}/${flavor}.conf`,
            `    healthChecks:\n      - apiVersion: apps/v1\n        kind: Deployment\n        name: ${name(i)}\n        namespace: ${name(i)}`,
            `    actions:\n      onDeploy:\n        after:\n          - cmd: echo leaf ${name(i)} ${flavor} \${ZARF_VAR_L3_VAR_1}`
          ].join('\n')
        );
      }
      write(path.join(l3, 'values', `${name(i)}.yaml`), `replicas: 1\nname: ${name(i)}\n`);
    }
    write(path.join(l3, 'values', 'l3.yaml'), `l3:\n  group: ${k}\n`);
    write(path.join(l3, 'zarf.yaml'), `kind: ZarfPackageConfig\nmetadata:\n  name: leaves-${k}\n${packageLists('l3')}\ncomponents:\n${leaves.join('\n')}\n`);

    const l2 = path.join(pkg, 'layers', 'l2', `g${k}`);
    const mids = inGroup(k).map((i) => {
      write(path.join(l2, 'values', `${name(i)}.yaml`), `replicas: 2\n`);
      return [
        `  - name: ${name(i)}`,
        `    import:\n      path: ../../l3/g${k}`,
        `    images:\n      - registry.example/l2/${name(i)}:###ZARF_PKG_TMPL_TAG###`,
        `    charts:\n      - name: ${name(i)}\n        namespace: ${name(i)}-l2\n        valuesFiles:\n          - values/${name(i)}.yaml`,
        `    actions:\n      onDeploy:\n        before:\n          - cmd: echo l2 ${name(i)}\n      onRemove:\n        after:\n          - cmd: echo removed ${name(i)}`
      ].join('\n');
    });
    write(path.join(l2, 'values', 'l2.yaml'), `l2:\n  group: ${k}\n`);
    write(path.join(l2, 'zarf.yaml'), `kind: ZarfPackageConfig\nmetadata:\n  name: middle-${k}\n${packageLists('l2')}\ncomponents:\n${mids.join('\n')}\n`);

    const l1 = path.join(pkg, 'layers', 'l1', `g${k}`);
    const tops = inGroup(k).map((i) => {
      write(path.join(l1, 'manifests', `${name(i)}.yaml`), `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name(i)}\n`);
      return [
        `  - name: ${name(i)}`,
        `    description: ${name(i)} as the platform team ships it`,
        `    import:\n      path: ../../l2/g${k}`,
        `    images:\n      - registry.example/l1/${name(i)}:###ZARF_PKG_TMPL_TAG###`,
        `    manifests:\n      - name: ${name(i)}-base\n        files:\n          - manifests/${name(i)}.yaml`
      ].join('\n');
    });
    write(path.join(l1, 'values', 'l1.yaml'), `l1:\n  group: ${k}\n`);
    write(path.join(l1, 'zarf.yaml'), `kind: ZarfPackageConfig\nmetadata:\n  name: platform-${k}\n${packageLists('l1')}\ncomponents:\n${tops.join('\n')}\n`);
  }
  const roots = [...Array(COMPONENTS).keys()].map((i) =>
    [`  - name: ${name(i)}`, `    required: true`, `    import:\n      path: layers/l1/g${i % GROUPS}`, `    images:\n      - registry.example/root/${name(i)}:###ZARF_PKG_TMPL_TAG###`].join('\n')
  );
  write(path.join(pkg, 'values', 'root.yaml'), `root: true\n`);
  write(
    path.join(pkg, 'zarf.yaml'),
    `kind: ZarfPackageConfig\nmetadata:\n  name: bench-composed\n  version: "###ZARF_PKG_TMPL_VERSION###"\n${packageLists('root')}\ncomponents:\n${roots.join('\n')}\n`
  );
  return 'pkg';
}

/**
 * The child that measures: loads the bundle (timed apart), calls loadPackage once (the measured,
 * cold call), checks the result, then `warm` more calls in the same process. Prints one JSON line.
 */
const MEASURE = `
import { pathToFileURL } from 'node:url';
const [bundle, ws, definition, flavor, set, warm] = process.argv.slice(2);
const t0 = performance.now();
const { loadPackage } = await import(pathToFileURL(bundle).href);
const importMs = performance.now() - t0;
const opts = { definition, workspace: ws, architecture: 'amd64', flavor, set: JSON.parse(set) };
const cpu0 = process.cpuUsage();
const t1 = performance.now();
const pkg = await loadPackage(opts);
const coldMs = performance.now() - t1;
const cpu = process.cpuUsage(cpu0);
const cpuMs = (cpu.user + cpu.system) / 1000;
const warmMs = [];
for (let i = 0; i < Number(warm); i++) {
  const t = performance.now();
  await loadPackage(opts);
  warmMs.push(performance.now() - t);
}
const c = pkg.config;
process.stdout.write(JSON.stringify({ importMs, coldMs, cpuMs, warmMs, config: c, flavor: pkg.flavor, migrations: pkg.migrations }) + '\\n');
`;

/** What a correct composition of the generated package holds; the problems found, or []. */
export function checkComposed(r) {
  const problems = [];
  const c = r.config;
  const comps = c.components ?? [];
  if (comps.length !== COMPONENTS) problems.push(`${comps.length} components, expected ${COMPONENTS}`);
  if (c.metadata?.version !== SET.VERSION) problems.push(`metadata.version ${c.metadata?.version}, expected ${SET.VERSION} (template)`);
  for (const [i, comp] of comps.entries()) {
    const n = name(i);
    const k = i % GROUPS;
    const want = {
      name: n,
      images: [`${SET.REGISTRY}/leaf/${n}-${FLAVOR}:${SET.TAG}`, `registry.example/leaf/sidecar:1.0.${i}`, `registry.example/l2/${n}:${SET.TAG}`, `registry.example/l1/${n}:${SET.TAG}`, `registry.example/root/${n}:${SET.TAG}`],
      valuesFiles: [`layers/l3/g${k}/values/${n}.yaml`, `layers/l2/g${k}/values/${n}.yaml`],
      namespace: `${n}-l2`,
      manifestFiles: [`layers/l3/g${k}/manifests/${n}.yaml`, `layers/l1/g${k}/manifests/${n}.yaml`],
      file: `layers/l3/g${k}/files/${n}.conf`
    };
    const got = {
      name: comp.name,
      images: comp.images,
      valuesFiles: comp.charts?.[0]?.valuesFiles,
      namespace: comp.charts?.[0]?.namespace,
      manifestFiles: comp.manifests?.[0]?.files,
      file: comp.files?.[0]?.source
    };
    for (const key of Object.keys(want)) {
      if (JSON.stringify(got[key]) !== JSON.stringify(want[key])) problems.push(`components[${i}].${key}: ${JSON.stringify(got[key])}, expected ${JSON.stringify(want[key])}`);
    }
    if (comp.only?.flavor !== FLAVOR) problems.push(`components[${i}].only.flavor ${comp.only?.flavor}, expected ${FLAVOR}`);
    if (problems.length > 5) break;
  }
  const vars = (c.variables ?? []).length;
  if (vars !== 12) problems.push(`${vars} variables, expected 12 (3 per file, joined)`);
  return problems;
}

/** Builds src/definition/index.ts with npm run build's ncc flags into `out`; resolves with index.js. */
async function buildBundle(out, log) {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const words = pkg.scripts.build.trim().split(/\s+/);
  const args = words.slice(1);
  args[args.indexOf('src/index.ts')] = 'src/definition/index.ts';
  args[args.indexOf('-o') + 1] = out;
  args.splice(args.indexOf('--license'), 2);
  log(`building src/definition/index.ts with ncc (${args.join(' ')})`);
  const ncc = fs.realpathSync(path.join(ROOT, 'node_modules', '.bin', 'ncc'));
  const r = await run(process.execPath, [ncc, ...args], { cwd: ROOT });
  const file = path.join(out, 'index.js');
  if (r.code !== 0 || !fs.existsSync(file)) throw new Error(`ncc could not build src/definition/index.ts: ${r.stderr || r.stdout}`);
  return file;
}

export async function runDefinitionBench(opts = {}) {
  const { log, tmp, ownTmp } = sectionOptions('definition', opts);
  const runs = Math.max(1, Number(process.env.BENCH_DEFINITION_RUNS ?? 7) || 7);
  const work = path.join(tmp, 'definition');
  try {
    const ws = path.join(work, 'ws');
    const definition = writeComposedPackage(ws);
    const yamlFiles = fs.readdirSync(ws, { recursive: true }).filter((f) => String(f).endsWith('zarf.yaml'));
    const lines = yamlFiles.reduce((n, f) => n + fs.readFileSync(path.join(ws, String(f)), 'utf8').split('\n').length - 1, 0);
    const given = process.env.BENCH_DEFINITION_BUNDLE;
    const bundle = given !== undefined && given !== '' ? path.resolve(given, 'index.js') : await buildBundle(path.join(work, 'bundle'), log);
    const measure = path.join(work, 'measure.mjs');
    fs.writeFileSync(measure, MEASURE);
    const results = [];
    for (let i = 0; i < runs; i++) {
      const r = await run(process.execPath, [measure, bundle, ws, definition, FLAVOR, JSON.stringify(SET), i === 0 ? '5' : '0'], { cwd: ws });
      if (r.code !== 0) throw new Error(`loadPackage failed: ${(r.stderr || r.stdout).slice(-2000)}`);
      const out = JSON.parse(r.stdout.trim().split('\n').pop());
      const problems = checkComposed(out);
      if (problems.length > 0) throw new Error(`the composed definition is not what the files say: ${problems.join('; ')}`);
      results.push(out);
      log(`definition run ${i + 1}/${runs}: loadPackage ${out.coldMs.toFixed(0)} ms, CPU ${out.cpuMs.toFixed(0)} ms (bundle import ${out.importMs.toFixed(0)} ms)`);
    }
    const cold = results.map((r) => r.coldMs);
    const med = median(cold);
    return {
      components: COMPONENTS,
      files: yamlFiles.length,
      lines,
      runs,
      coldMs: cold,
      medianMs: med,
      cpuMs: median(results.map((r) => r.cpuMs)),
      importMs: median(results.map((r) => r.importMs)),
      warmMs: median(results[0].warmMs),
      ratio: med / DEFINITION_TARGET_MS,
      met: med < DEFINITION_TARGET_MS,
      bundle: given !== undefined && given !== '' ? bundle : 'built from src/definition/index.ts',
      loadAverage: os.loadavg()
    };
  } finally {
    await teardown({ dirs: [work, ...(ownTmp ? [tmp] : [])] });
  }
}

/** The lines bench/run.mjs (or the standalone run) prints. */
export function definitionReportLines(r) {
  const ms = (x) => `${x.toFixed(0)} ms`;
  return [
    `definition — ${r.components} components through 3 levels of imports (${r.files} zarf.yaml files, ${r.lines} lines; flavor, templates; no network): loadPackage() in a fresh process, median of ${r.runs}`,
    `  ${ms(r.medianMs)}  target < ${ms(DEFINITION_TARGET_MS)}  ratio ${r.ratio.toFixed(3)}  ${r.met ? 'met' : 'MISSED'}`,
    `  runs: ${r.coldMs.map((x) => x.toFixed(0)).join(' ')} ms; CPU time of the call (all threads, median) ${ms(r.cpuMs)}; not counted: loading the bundle ${ms(r.importMs)}; the same call warm (repeated in one process) ${ms(r.warmMs)}`,
    `  load average after the runs ${r.loadAverage.map((x) => x.toFixed(2)).join(' ')} (other work on the machine skews the times)`
  ];
}

await runAlone(import.meta.url, 'definition', runDefinitionBench, definitionReportLines);
