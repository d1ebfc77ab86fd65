/**
 * Chart.yaml as Helm checks it (name, version, apiVersion), and the look inside a packaged chart
 * (.tgz) that tells it is one: gzip, tar, `<folder>/Chart.yaml` at the top.
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import YAML from 'yaml';

export interface ChartMeta {
  apiVersion: string;
  name: string;
  version: string;
  appVersion?: string;
  /** Chart.yaml `dependencies` (apiVersion v2) or requirements.yaml's (v1): names and repositories. */
  dependencies: Array<{ name: string; repository?: string }>;
}

/** Helm's upper bound for a chart, unpacked (its MaxDecompressedChartSize default). */
export const MAX_CHART_BYTES = 100 * 1024 * 1024;
const MAX_CHART_YAML = 1024 * 1024;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Dependencies from a parsed document (`dependencies: [{name, repository}]`). */
export function dependenciesOf(doc: unknown): ChartMeta['dependencies'] {
  if (!isRecord(doc) || !Array.isArray(doc['dependencies'])) return [];
  const out: ChartMeta['dependencies'] = [];
  for (const d of doc['dependencies']) {
    if (isRecord(d) && typeof d['name'] === 'string' && d['name'] !== '') {
      out.push({ name: d['name'], ...(typeof d['repository'] === 'string' && d['repository'] !== '' ? { repository: d['repository'] } : {}) });
    }
  }
  return out;
}

/**
 * Parses Chart.yaml text. Scalars are read as written (YAML's failsafe schema: `version: 1.10` is
 * "1.10", not the number 1.1). Throws an Error saying what is wrong.
 */
export function parseChartYaml(text: string): ChartMeta {
  let doc: unknown;
  try {
    doc = YAML.parse(text, { schema: 'failsafe', uniqueKeys: false, prettyErrors: false });
  } catch (e) {
    throw new Error(`Chart.yaml is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!isRecord(doc)) throw new Error('Chart.yaml is not a mapping');
  const str = (k: string): string | undefined => (typeof doc[k] === 'string' && (doc[k] as string).trim() !== '' ? (doc[k] as string).trim() : undefined);
  const apiVersion = str('apiVersion');
  const name = str('name');
  const version = str('version');
  if (apiVersion === undefined) throw new Error('Chart.yaml has no apiVersion');
  if (apiVersion !== 'v1' && apiVersion !== 'v2' && apiVersion !== 'v3') throw new Error(`Chart.yaml apiVersion "${apiVersion}" is not one Helm knows (v1, v2)`);
  if (name === undefined) throw new Error('Chart.yaml has no name');
  if (/[/\\]/.test(name) || name === '.' || name === '..') throw new Error(`Chart.yaml name "${name}" is not a valid chart name`);
  if (version === undefined) throw new Error('Chart.yaml has no version');
  if (!/^v?\d+(\.\d+){0,2}(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.test(version)) throw new Error(`Chart.yaml version "${version}" is not a semantic version`);
  const appVersion = str('appVersion');
  return { apiVersion, name, version, ...(appVersion !== undefined ? { appVersion } : {}), dependencies: dependenciesOf(doc) };
}

/**
 * Reads a packaged chart and returns its Chart.yaml. Throws an Error when the file is not a
 * gzip'd tar, holds no `<folder>/Chart.yaml`, or unpacks to more than Helm accepts.
 */
export async function inspectChartArchive(file: string): Promise<ChartMeta> {
  const extract = tar.extract();
  let chartYaml: string | undefined;
  let total = 0;
  extract.on('entry', (header, stream, next) => {
    const name = header.name.replace(/^\.\//, '');
    const parts = name.split('/');
    const wanted = header.type === 'file' && parts.length === 2 && parts[1] === 'Chart.yaml' && chartYaml === undefined;
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (data: unknown) => {
      const c = data as Buffer;
      total += c.length;
      if (total > MAX_CHART_BYTES) {
        extract.destroy(new Error(`it unpacks to more than ${MAX_CHART_BYTES / 1024 / 1024} MiB, Helm's limit for a chart`));
        return;
      }
      if (wanted) {
        size += c.length;
        if (size <= MAX_CHART_YAML) chunks.push(c);
      }
    });
    stream.on('end', () => {
      if (wanted) chartYaml = Buffer.concat(chunks).toString('utf8');
      next();
    });
    stream.resume();
  });
  try {
    await pipeline(createReadStream(file), createGunzip(), extract);
  } catch (e) {
    const msg = (e as Error).message;
    if (/incorrect header check|unexpected end of file|invalid/i.test(msg) && !/unpacks/.test(msg)) throw new Error(`it is not a gzip-compressed tar (${msg})`);
    throw new Error(msg);
  }
  if (chartYaml === undefined) throw new Error('it holds no <chart>/Chart.yaml: it is not a Helm chart');
  return parseChartYaml(chartYaml);
}
