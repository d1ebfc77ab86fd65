import { readFileSync } from 'node:fs';
import * as core from './workflow-commands.js';
import { rm, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pLimit from 'p-limit';
import { BlobCache } from './cache/blob-cache.js';
import { neededBlobs } from './cache/needed.js';
import { createRunDir, sweepStaleRunDirs, type RunDir } from './cache/rundir.js';
import { LadingError, toLadingErrors } from './errors.js';
import { readInputs } from './inputs.js';
import type { ResolvedImage } from './model.js';
import { BlobStore } from './oci/blobstore.js';
import { RegistryClient, type Logger } from './oci/client.js';
import { credentialResolver } from './oci/credentials.js';
import { loadPackage } from './definition/index.js';
import { writeDefinition } from './definition/render.js';
import { packageLevelFiles } from './definition/package-files.js';
import { annotate, placed, warnAt } from './report/annotations.js';
import type { RunReport } from './report/summary.js';
import { imagesOutput } from './report/images-output.js';
import { checkReport, runCheckStage, setCheckOutputs } from './stages/check-stage.js';
import { formatBytes } from './report/format.js';
import type { ArchiveSource } from './sources/archive.js';
import { HttpFetcher } from './sources/http.js';
import { DockerDaemonFallback } from './sources/docker-engine-source.js';
import { withArtifactImages } from './sources/referrers.js';
import { BlobPull } from './sources/pull.js';
import { RegistrySource } from './sources/registry.js';
import type { ImageRequest } from './sources/resolve.js';
import type { ImageSource } from './sources/source.js';
import { OnceSource } from './check/memo-source.js';
import { VERSION } from './version.js';
import { runContentStage } from './stages/content-stage.js';
import { runImagesStage } from './stages/images-stage.js';
import { setBuildOutputs } from './stages/outputs.js';
import { differentialStage, differentialSummary } from './package/differential-stage.js';
import { planPublish, publishCredentials, sourceDateEpoch } from './publish/plan.js';
// What a run may not need, or needs only after its first registry request (skeletons, the check and
// differential stages, publishing, the package writer, the job summary), is loaded where it is used,
// with a dynamic import(): ncc puts each in a chunk of its own, so start-up compiles only the rest.

const logger: Logger = {
  debug: (m) => core.debug(m),
  info: (m) => core.info(m),
  warning: (m) => core.warning(m)
};

/** The one line a cancelled run reports, whatever was in flight (every transfer fails the same way). */
function cancelledError(signal: AbortSignal): LadingError {
  const why = signal.reason instanceof Error ? signal.reason.message : 'cancelled';
  return new LadingError(`the run was ${why.startsWith('cancelled') ? why : `cancelled (${why})`}: transfers were stopped and no package was left in the output folder`, {
    hint: 'the runner cancelled the job (a user, a newer run in the same concurrency group, or a timeout); run it again'
  });
}

/** Between stages: not every step takes the signal (the blob cache, writing the package's files). */
function stopIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw cancelledError(signal);
}

async function writeSummary(report: RunReport, startedAt: number): Promise<void> {
  if (process.env.GITHUB_STEP_SUMMARY === undefined || process.env.GITHUB_STEP_SUMMARY === '') return;
  report.timing = { ...report.timing, totalMs: Date.now() - startedAt };
  try {
    const { renderSummary } = await import('./report/summary.js');
    await core.appendSummary(renderSummary(report));
  } catch (e) {
    core.warning(`could not write the job summary: ${(e as Error).message}`);
  }
}

/**
 * This process's peak resident memory. Linux keeps getrusage's maxrss across exec (it reports the
 * parent's peak when a big process spawned us), so read VmHWM of this address space when we can.
 */
function peakRssMiB(): number {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kb !== undefined) return Math.round(Number(kb) / 1024);
  } catch {
    // not Linux
  }
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** The action: inputs -> definition -> resolve -> pull -> assemble -> report. */
export async function run(signal?: AbortSignal): Promise<number> {
  const report: RunReport = { errors: [], warnings: [] };
  const startedAt = Date.now();
  let workDir: string | undefined;
  let runDir: RunDir | undefined;
  let cache: BlobCache | undefined;
  let client: RegistryClient | undefined;
  let fetcher: HttpFetcher | undefined;
  const archives: ArchiveSource[] = [];
  let daemon: DockerDaemonFallback | undefined;
  let pull: BlobPull | undefined;
  /** The package file (or its parts) once written: removed again when the run fails after that. */
  let written: string[] | undefined;
  try {
    const inputs = readInputs();
    const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
    report.workspace = workspace;
    client = new RegistryClient({
      plainHttp: inputs.plainHttp,
      credentials: credentialResolver(publishCredentials(inputs)),
      retries: inputs.retries,
      logger,
      userAgent: `lading/${VERSION}`,
      pullRedirect: (ref) => inputs.registryOverrides.redirect(ref)?.ref,
      ...(signal !== undefined ? { signal } : {})
    });
    const tempRoot = process.env.RUNNER_TEMP || os.tmpdir();
    await mkdir(tempRoot, { recursive: true });
    const registryClient = client;
    const skeletons = path.join(tempRoot, 'lading', 'skeletons');
    const def = await loadPackage({
      definition: inputs.definition,
      workspace,
      architecture: inputs.architecture,
      flavor: inputs.flavor,
      set: inputs.set,
      openSkeleton: async (url, position) => {
        const { openSkeleton } = await import('./sources/skeleton.js');
        return openSkeleton(registryClient, url, skeletons, signal !== undefined ? { signal } : {}).catch((e: unknown) => Promise.reject(placed(e, position)));
      },
      // Shown as soon as it is composed: still there to read when it is then refused, or the run fails later.
      onComposed: async (composed) => {
        report.definition = await writeDefinition(composed, inputs.architecture, path.join(tempRoot, 'lading'));
        core.setOutput('definition', report.definition.path);
      }
    });
    for (const w of def.warnings) warnAt(w.message, w.position);
    const name = def.config.metadata.name;
    core.info(`Lading ${VERSION}: ${inputs.mode === 'check' ? 'checking' : 'building'} ${name}${def.config.metadata.version !== undefined ? ` ${def.config.metadata.version}` : ''} for ${inputs.architecture} from ${def.displayPath}`);
    // Publishing needs metadata.version and a valid target: checked before anything is pulled.
    const publishPlan = planPublish(inputs, def);
    // Differential: what the reference package already holds is left out before anything is fetched.
    const differential = await differentialStage(inputs.differential, def, { client, workspace, architecture: inputs.architecture, log: (l) => core.info(l), ...(signal !== undefined ? { signal } : {}) });

    await sweepStaleRunDirs(tempRoot);
    runDir = await createRunDir(tempRoot);
    workDir = runDir.path;
    const store = new BlobStore(path.join(workDir, 'store'));
    await store.init();
    if (inputs.skeleton && publishPlan !== undefined) {
      // A skeleton: the definition and its local content published as they are; nothing is built.
      const { runSkeletonStage } = await import('./stages/skeleton-stage.js');
      await runSkeletonStage({ inputs, def, plan: publishPlan, client, store, workDir, workspace, report, ...(signal !== undefined ? { signal } : {}) });
      await writeSummary(report, startedAt);
      return 0;
    }
    // Every manifest and config is read once in a run, whichever stage asks first.
    const registry = new OnceSource(new RegistrySource(client));
    // An image its registry does not have (or that cannot be reached) may come from the Docker daemon.
    const fallback = new DockerDaemonFallback({ workDir: path.join(workDir, 'docker'), architecture: inputs.architecture, log: (l) => core.info(l), ...(signal !== undefined ? { signal } : {}) });
    daemon = fallback;
    const fallbackFor = async (req: ImageRequest, e: unknown): Promise<ImageSource | undefined> => (req.source === registry ? fallback.fallback(req, e) : undefined);

    // mode: check, or something to compare with: every image and chart resolved, no layer downloaded.
    const checked = await runCheckStage({ inputs, def, client, publishPlan, workspace, workDir, store, registry, archives, fallback: fallbackFor, log: (l) => core.info(l), ...(signal !== undefined ? { signal } : {}) });
    if (checked !== undefined) report.check = checkReport(checked, def, inputs.architecture);
    if (checked?.done === true) {
      report.images = checked.images;
      setCheckOutputs(checked, imagesOutput(checked.images));
      await writeSummary(report, startedAt);
      return 0;
    }
    cache = await BlobCache.open({ mode: inputs.cache, run: store, workspace, tempRoot, packageName: name, architecture: inputs.architecture, log: logger, ...(signal !== undefined ? { signal } : {}) });
    // The restore runs while the definition's content and the tags resolve; a lookup waits for it.
    cache.startRestore();

    const limit = pLimit(inputs.concurrency);
    // Manifests and configs are read with slots of their own: resolving never waits behind the layers
    // that started downloading early.
    const resolveLimit = pLimit(inputs.concurrency);
    // build.timestamp: SOURCE_DATE_EPOCH, else (publishing) that of an identical package already published, else now.
    const buildNow = sourceDateEpoch() ?? new Date();
    const keepPublishedTime = publishPlan !== undefined && sourceDateEpoch() === undefined ? await (await import('./publish/stage.js')).publishedBuildTime(client, publishPlan, inputs.architecture, buildNow, (l) => core.info(l)) : undefined;
    // Files, manifests and charts of the components, with their onCreate actions around them: fetched,
    // packaged and verified before any image (an action may build one).
    fetcher = new HttpFetcher({ plainHttp: (h) => registryClient.scheme(h) === 'http', retries: inputs.retries, userAgent: `lading/${VERSION}`, log: (l) => core.info(l), ...(signal !== undefined ? { signal } : {}) });
    const content = await runContentStage({ def, client, store, workDir, workspace, report, cached: cache.cached, fetcher, limit, alsoProvided: differential?.images.map((i) => i.written) ?? [], ...(signal !== undefined ? { signal } : {}) });
    // Layers start downloading as soon as their image manifest is read; the pull stage pulls the rest.
    pull = new BlobPull(store, limit, (l) => core.info(l), { cached: cache.cached, lookupsFinal: cache.lookupsFinal });
    const { resolved, artifacts } = await runImagesStage({ inputs, def, client, store, workDir, report, registry, archives, checked, limit, cached: cache.cached, fallback, fallbackFor, pull, resolveLimit });

    await cache.resolved(neededBlobs(resolved.map((r) => r.image), content.blobs));
    // The package is written while the blobs are pulled, each blob once it arrived verified.
    const { runPullAssembleStage } = await import('./stages/pull-assemble-stage.js');
    const built = await runPullAssembleStage({
      resolved,
      store,
      limit,
      log: (l) => core.info(l),
      pull,
      assemble: {
        definition: { dir: def.dir, config: withArtifactImages(def.config, artifacts) },
        architecture: inputs.architecture,
        images: resolved.map((r) => r.image),
        outputDir: path.resolve(workspace, inputs.output),
        builderVersion: VERSION,
        now: buildNow,
        ...(keepPublishedTime !== undefined ? { buildTime: keepPublishedTime } : {}),
        ...(publishPlan !== undefined ? { keepFiles: path.join(workDir, 'publish') } : {}),
        onProgress: (m) => core.info(m),
        componentContent: content.entries,
        ...packageLevelFiles(def),
        ...(def.flavor !== '' ? { flavor: def.flavor } : {}),
        migrations: def.migrations,
        registryOverrides: inputs.registryOverrides.record(),
        ...(differential !== undefined ? { differential: { previousVersion: differential.previousVersion } } : {}),
        maxPackageSize: inputs.maxPackageSize
      },
      ...(signal !== undefined ? { signal } : {})
    });
    report.pull = built.pull;
    report.timing = { pullMs: built.pullMs };
    const pkg = built.pkg;
    const images: ResolvedImage[] = resolved.map((r) => r.image);
    written = pkg.outputs;
    stopIfCancelled(signal);
    if (differential !== undefined) report.differential = await differentialSummary(differential, images);
    const { componentReport } = await import('./report/components.js');
    report.components = componentReport(def.config.components, images, content.items, pkg.files, content.actions);
    report.packageInfo = {
      name,
      ...(def.config.metadata.version !== undefined ? { version: def.config.metadata.version } : {}),
      architecture: inputs.architecture,
      path: path.relative(workspace, pkg.path) || pkg.path,
      definition: def.displayPath,
      size: pkg.size,
      checksum: pkg.aggregateChecksum,
      ...(pkg.split !== undefined ? { split: { ...pkg.split, maxMB: inputs.maxPackageSize } } : {})
    };
    if (publishPlan !== undefined) {
      try {
        const publishStarted = Date.now();
        const { runPublish } = await import('./publish/stage.js');
        const published = await runPublish({ client, plan: publishPlan, architecture: inputs.architecture, files: pkg.files, zarfYaml: pkg.zarfYaml, store, kept: path.join(workDir, 'publish'), images, limit, log: (l) => core.info(l), warn: (l) => core.warning(l), debug: (l) => core.debug(l) });
        report.publish = published.summary;
        report.timing = { ...report.timing, publishMs: Date.now() - publishStarted };
      } catch (e) {
        for (const f of pkg.outputs) await rm(f, { force: true }); // a failed run leaves no file in output
        delete report.packageInfo;
        // The package was built from verified blobs: the cache is saved all the same, so the run that
        // follows a fix of the publish problem (credentials, permissions) is warm. Not when cancelled.
        if (signal?.aborted !== true) report.cache = await cache.finish(neededBlobs(images, content.blobs));
        throw e;
      }
    }
    // Saved only when nothing failed and the run was not cancelled (finish looks at the signal too).
    stopIfCancelled(signal);
    report.cache = await cache.finish(neededBlobs(images, content.blobs));
    stopIfCancelled(signal);
    setBuildOutputs({ report, cacheHit: report.cache.hit, package: pkg, images, changed: checked?.changed });
    core.info(`package written: ${pkg.path} (${formatBytes(pkg.size)}${pkg.split !== undefined ? ` in ${pkg.split.count} parts` : ''}, aggregate checksum ${pkg.aggregateChecksum})`);
    for (const w of report.warnings) core.warning(w.replace(/`/g, ''));
    await writeSummary(report, startedAt);
    return 0;
  } catch (e) {
    if (written !== undefined) {
      for (const f of written) await rm(f, { force: true }).catch(() => undefined); // a failed run leaves no file in output
      delete report.packageInfo;
    }
    report.errors = signal?.aborted === true ? [cancelledError(signal)] : toLadingErrors(e);
    for (const err of report.errors) annotate(err);
    await writeSummary(report, startedAt);
    return 1;
  } finally {
    core.debug(`peak memory (max RSS): ${peakRssMiB()} MiB`);
    await pull?.stop();
    await Promise.allSettled(archives.map((a) => a.close()));
    await daemon?.close().catch(() => undefined);
    await client?.close().catch(() => undefined);
    await fetcher?.close().catch(() => undefined);
    await cache?.close();
    runDir?.stop();
    if (workDir !== undefined) await rm(workDir, { recursive: true, force: true }).catch(() => undefined);
  }
}
