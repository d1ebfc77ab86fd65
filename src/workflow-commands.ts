/**
 * The runner's workflow commands the action writes (log lines, annotations, groups, masks, step
 * outputs, the job summary) and its inputs: the part of @actions/core it uses, written as
 * @actions/core 3.0.1 writes them (same escaping, same file commands and heredoc delimiters).
 *
 * Not @actions/core itself because of start-up: its index loads @actions/http-client for OIDC tokens,
 * which loads all of undici's index, and @actions/exec for platform details. That was about a third
 * of the bundle, compiled at every start before the first registry request. (@actions/cache, loaded
 * only with `cache: actions`, still brings @actions/core into its own chunk.)
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync, constants, existsSync } from 'node:fs';
import { access, appendFile } from 'node:fs/promises';
import { EOL } from 'node:os';

/** Where an annotation points (names as in @actions/core). */
export interface AnnotationProperties {
  title?: string;
  file?: string;
  startLine?: number;
  endLine?: number;
  startColumn?: number;
  endColumn?: number;
}

function commandValue(input: unknown): string {
  if (input === null || input === undefined) return '';
  if (typeof input === 'string' || input instanceof String) return input as string;
  return JSON.stringify(input);
}

const escapeData = (s: unknown): string => commandValue(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: unknown): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** `::command k=v,...::message`, properties without a value left out. */
function issueCommand(command: string, properties: Record<string, unknown>, message: unknown): void {
  let line = `::${command}`;
  if (Object.keys(properties).length > 0) {
    line += ` ${Object.entries(properties)
      .filter(([, v]) => Boolean(v))
      .map(([k, v]) => `${k}=${escapeProperty(v)}`)
      .join(',')}`;
  }
  process.stdout.write(`${line}::${escapeData(message)}${EOL}`);
}

function annotationProperties(p: AnnotationProperties): Record<string, unknown> {
  if (Object.keys(p).length === 0) return {};
  return { title: p.title, file: p.file, line: p.startLine, endLine: p.endLine, col: p.startColumn, endColumn: p.endColumn };
}

export function info(message: string): void {
  process.stdout.write(message + EOL);
}

export function debug(message: string): void {
  issueCommand('debug', {}, message);
}

export function error(message: string | Error, properties: AnnotationProperties = {}): void {
  issueCommand('error', annotationProperties(properties), message instanceof Error ? message.toString() : message);
}

export function warning(message: string | Error, properties: AnnotationProperties = {}): void {
  issueCommand('warning', annotationProperties(properties), message instanceof Error ? message.toString() : message);
}

export function notice(message: string | Error, properties: AnnotationProperties = {}): void {
  issueCommand('notice', annotationProperties(properties), message instanceof Error ? message.toString() : message);
}

/** Masks `secret` in the job log from here on. */
export function setSecret(secret: string): void {
  issueCommand('add-mask', {}, secret);
}

/** `fn` inside a collapsible log group. */
export async function group<T>(name: string, fn: () => Promise<T>): Promise<T> {
  issueCommand('group', {}, name);
  try {
    return await fn();
  } finally {
    issueCommand('endgroup', {}, '');
  }
}

/** The input `name` (INPUT_<NAME>), trimmed unless `trimWhitespace: false`; '' when not set. */
export function getInput(name: string, options?: { required?: boolean; trimWhitespace?: boolean }): string {
  const val = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '';
  if (options?.required === true && !val) throw new Error(`Input required and not supplied: ${name}`);
  if (options?.trimWhitespace === false) return val;
  return val.trim();
}

/** A step output: a heredoc block in the GITHUB_OUTPUT file, else the old `::set-output` command. */
export function setOutput(name: string, value: unknown): void {
  const filePath = process.env.GITHUB_OUTPUT || '';
  if (filePath) {
    const delimiter = `ghadelimiter_${randomUUID()}`;
    const converted = commandValue(value);
    if (name.includes(delimiter)) throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
    if (converted.includes(delimiter)) throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
    if (!existsSync(filePath)) throw new Error(`Missing file at path: ${filePath}`);
    appendFileSync(filePath, `${name}<<${delimiter}${EOL}${converted}${EOL}${delimiter}${EOL}`, { encoding: 'utf8' });
    return;
  }
  process.stdout.write(EOL);
  issueCommand('set-output', { name }, commandValue(value));
}

/** Appends `text` and a line end to the job summary (GITHUB_STEP_SUMMARY). */
export async function appendSummary(text: string): Promise<void> {
  const file = process.env.GITHUB_STEP_SUMMARY;
  if (!file) throw new Error('Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.');
  try {
    await access(file, constants.R_OK | constants.W_OK);
  } catch {
    throw new Error(`Unable to access summary file: '${file}'. Check if the file has correct read/write permissions.`);
  }
  await appendFile(file, text + EOL, { encoding: 'utf8' });
}
