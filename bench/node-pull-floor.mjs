/**
 * Node's own floor for a transfer, run as a fresh process by bench/node-floor.mjs:
 * `node bench/node-pull-floor.mjs <job.json>` with { host, images: [{ repository, tag }], dir,
 * concurrency, layers }. What any node client must do for the same images: read each manifest (by
 * tag), then GET every distinct blob (the config, and the layers unless `layers` is false)
 * `concurrency` at a time on keep-alive connections, hash each (sha256), write it to a file and check
 * its digest. No package is written, nothing is retried, nothing is cached: only node:http,
 * node:crypto and node:fs. Exits 0 when every blob checked out.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const job = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency });
const MANIFEST = 'application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json';

/** GET `urlPath`; the body goes to `onChunk` (with the response paused while `onChunk` returns a promise). */
function get(urlPath, headers, onChunk) {
  return new Promise((resolve, reject) => {
    const req = http.get(`http://${job.host}${urlPath}`, { agent, headers }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new Error(`${urlPath}: HTTP ${res.statusCode}`));
        return;
      }
      res.on('data', (chunk) => {
        const wait = onChunk(chunk);
        if (wait !== undefined) {
          res.pause();
          wait.then(() => res.resume(), reject);
        }
      });
      res.on('end', resolve);
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

async function pullBlob(repository, digest) {
  const hash = crypto.createHash('sha256');
  const out = fs.createWriteStream(path.join(job.dir, digest.slice('sha256:'.length)));
  await get(`/v2/${repository}/blobs/${digest}`, {}, (chunk) => {
    hash.update(chunk);
    return out.write(chunk) ? undefined : new Promise((r) => out.once('drain', r));
  });
  await new Promise((resolve, reject) => out.end((e) => (e ? reject(e) : resolve())));
  if (`sha256:${hash.digest('hex')}` !== digest) throw new Error(`${digest}: digest mismatch`);
}

fs.mkdirSync(job.dir, { recursive: true });
// One pool of `concurrency` workers: manifests first; each queues its blobs as it is read (a worker
// that finds the queue empty while manifests are still being read waits for them).
const queue = job.images.map((image) => ({ manifest: image }));
const seen = new Set();
let manifestsLeft = job.images.length;
const wake = [];
const notify = () => {
  for (const w of wake.splice(0)) w();
};
async function worker() {
  for (;;) {
    const task = queue.shift();
    if (task === undefined) {
      if (manifestsLeft === 0) return;
      await new Promise((r) => wake.push(r));
      continue;
    }
    if (task.manifest !== undefined) {
      const chunks = [];
      await get(`/v2/${task.manifest.repository}/manifests/${task.manifest.tag}`, { accept: MANIFEST }, (c) => void chunks.push(c));
      const m = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      for (const d of job.layers === false ? [m.config] : [m.config, ...m.layers]) {
        if (seen.has(d.digest)) continue;
        seen.add(d.digest);
        queue.push({ repository: task.manifest.repository, digest: d.digest });
      }
      manifestsLeft--;
      notify();
    } else {
      await pullBlob(task.repository, task.digest);
    }
  }
}
await Promise.all(Array.from({ length: job.concurrency }, () => worker()));
process.stdout.write(`${seen.size}\n`);
process.exit(0);
