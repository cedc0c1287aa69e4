// Measures the same HTTP workloads on Node-RED and on ProcessStudio, interleaved request by request so that both see
// the same machine load, and prints medians, per-node costs and ratios. Started by run.sh; loopback only.
//
//   node driver.mjs --nodered http://127.0.0.1:PORT --studio http://127.0.0.1:PORT --key psk_... [options]
//
// Options: --rounds R (chain rounds, default 15), --split-rounds R (1,000 items, default 3),
//          --split-limit S (seconds a ProcessStudio 10,000-item run may take before it is cancelled, default 30).
import { readFileSync } from 'node:fs';
import { nodeRedChain, nodeRedSplitJoin, studioChain, studioSplitJoin, items } from './flows.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
  arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs, []));
const noderedUrl = args.nodered, studioUrl = args.studio, key = args.key;
const rounds = Number(args.rounds ?? 15);
const splitRounds = Number(args['split-rounds'] ?? 3);
const splitLimitSeconds = Number(args['split-limit'] ?? 30);
const CHAIN_SIZES = [0, 100, 500];
const KINDS = ['literal', 'expression'];
const WARMUP = 5;

for (const url of [noderedUrl, studioUrl])
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(url ?? '')) throw new Error(`Only loopback addresses are allowed, got ${url}`);

const loadavg = () => readFileSync('/proc/loadavg', 'utf8').trim();
const median = values => { const s = [...values].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const ms = value => value.toFixed(value < 10 ? 2 : 1);

async function call(method, url, body, headers = {}, timeoutMs = 600_000) {
  const response = await fetch(url, {
    method, headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null };
}

async function deployNodeRed(workloads) {
  const flows = workloads.flatMap(w => w.nodered);
  const { status } = await call('POST', `${noderedUrl}/flows`, flows, { 'Node-RED-Deployment-Type': 'full' });
  if (status >= 300) throw new Error(`Node-RED refused the flows (HTTP ${status})`);
}

async function deployStudio(workloads) {
  for (const w of workloads) {
    const { status, json } = await call('POST', `${studioUrl}/api/v1/workflows?comment=bench`, w.studio, { 'X-Api-Key': key });
    if (status !== 201) throw new Error(`ProcessStudio refused workflow ${w.name} (HTTP ${status}): ${JSON.stringify(json)}`);
  }
}

/** One request; milliseconds until the whole answer arrived. Checks the answer so that a broken flow cannot look fast. */
async function timed(url, body, check, timeoutMs) {
  const started = process.hrtime.bigint();
  const { status, json } = await call('POST', url, body, {}, timeoutMs);
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  return { elapsed, status, json, ok: status === 200 && check(json) };
}

const chainCheck = (n, kind) => json => kind === 'literal' ? n === 0 || json?.v === 'v' : n === 0 || json?.x === n;

const chains = CHAIN_SIZES.flatMap(n => KINDS.map(kind => ({
  name: `chain-${kind}-${n}`, n, kind, nodered: nodeRedChain(n, kind), studio: studioChain(n, kind),
  body: { x: 0 }, check: chainCheck(n, kind),
})));
const splits = [1000, 10000].map(count => ({
  name: `split-${count}`, count, nodered: nodeRedSplitJoin(count), studio: studioSplitJoin(count, `${splitLimitSeconds}s`),
  body: items(count), check: json => json?.count === count,
}));

async function measureChains() {
  const samples = Object.fromEntries(chains.flatMap(c => [[`nr:${c.name}`, []], [`ps:${c.name}`, []]]));
  for (let round = -WARMUP; round < rounds; round++) {
    for (const c of chains) {
      // Alternate which side goes first, so neither always runs right after the other's garbage.
      const sides = round % 2 === 0 ? [['nr', noderedUrl], ['ps', studioUrl]] : [['ps', studioUrl], ['nr', noderedUrl]];
      for (const [side, base] of sides) {
        const path = side === 'nr' ? `/${c.name}` : `/hooks/${c.name}`;
        const result = await timed(`${base}${path}`, c.body, c.check, 120_000);
        if (!result.ok) throw new Error(`${side} ${c.name}: HTTP ${result.status} ${JSON.stringify(result.json)?.slice(0, 300)}`);
        if (round >= 0) samples[`${side}:${c.name}`].push(result.elapsed);
      }
    }
  }
  return samples;
}

// On a busy machine the median carries the neighbours' load; the fastest of the rounds is the closest to the work itself.
function printChains(samples) {
  const stat = (side, name, f) => f(samples[`${side}:${name}`]);
  const fastest = values => Math.min(...values);
  console.log(`\n## HTTP in -> N nodes -> HTTP out (ms per request, ${rounds} interleaved rounds: median / fastest)\n`);
  console.log('| values | N | Node-RED ms | ProcessStudio ms | ratio of medians |');
  console.log('|---|---|---|---|---|');
  for (const c of chains) {
    const [nr, ps] = ['nr', 'ps'].map(side => stat(side, c.name, median));
    const [nrMin, psMin] = ['nr', 'ps'].map(side => stat(side, c.name, fastest));
    console.log(`| ${c.kind} | ${c.n} | ${ms(nr)} / ${ms(nrMin)} | ${ms(ps)} / ${ms(psMin)} | ${(ps / nr).toFixed(1)}x |`);
  }
  console.log('\nPer-node cost: slope from N = 0 to N = 100 and to N = 500, µs per node (from medians / from fastest):\n');
  console.log('| values | span | Node-RED µs/node | ProcessStudio µs/node | ratio (medians / fastest) |');
  console.log('|---|---|---|---|---|');
  for (const kind of KINDS) {
    for (const n of [100, 500]) {
      const slope = (side, f) => (stat(side, `chain-${kind}-${n}`, f) - stat(side, `chain-${kind}-0`, f)) * 1000 / n;
      const [nr, ps, nrMin, psMin] = [slope('nr', median), slope('ps', median), slope('nr', fastest), slope('ps', fastest)];
      console.log(`| ${kind} | 0→${n} | ${nr.toFixed(1)} / ${nrMin.toFixed(1)} | ${ps.toFixed(1)} / ${psMin.toFixed(1)} | ${(ps / nr).toFixed(0)}x / ${(psMin / nrMin).toFixed(0)}x |`);
    }
  }
}

/** A ProcessStudio run that outlives its response timeout (504) is cancelled, so it stops writing. */
async function cancelOverdue(result) {
  const id = result.json?.executionId;
  if (result.status === 504 && id)
    await call('POST', `${studioUrl}/api/v1/executions/${id}/cancel`, undefined, { 'X-Api-Key': key }).catch(() => undefined);
}

async function measureSplits() {
  console.log(`\n## Split-join (${splitRounds} interleaved rounds of 1,000 items, then 1 of 10,000; ProcessStudio capped at ${splitLimitSeconds} s)\n`);
  console.log('| items | Node-RED ms | ProcessStudio ms | ratio | Node-RED µs/item | ProcessStudio µs/item |');
  console.log('|---|---|---|---|---|---|');
  for (const s of splits) {
    const repeat = s.count === 1000 ? splitRounds : 1;
    const nr = [], ps = [];
    let capped = false;
    for (let round = 0; round < repeat && !capped; round++) {
      const nrResult = await timed(`${noderedUrl}/${s.name}`, s.body, s.check, 600_000);
      if (!nrResult.ok) throw new Error(`Node-RED ${s.name}: HTTP ${nrResult.status}`);
      nr.push(nrResult.elapsed);
      const psResult = await timed(`${studioUrl}/hooks/${s.name}`, s.body, s.check, (splitLimitSeconds + 30) * 1000);
      if (psResult.ok) ps.push(psResult.elapsed);
      else if (psResult.status === 504) { capped = true; await cancelOverdue(psResult); }
      else throw new Error(`ProcessStudio ${s.name}: HTTP ${psResult.status} ${JSON.stringify(psResult.json)?.slice(0, 300)}`);
    }
    const nrMs = median(nr);
    const psText = capped ? `> ${splitLimitSeconds * 1000} (cancelled at the cap)` : ms(median(ps));
    const ratio = capped ? `> ${(splitLimitSeconds * 1000 / nrMs).toFixed(0)}x` : `${(median(ps) / nrMs).toFixed(0)}x`;
    const perItem = capped ? `> ${(splitLimitSeconds * 1e6 / s.count).toFixed(0)}` : (median(ps) * 1000 / s.count).toFixed(0);
    console.log(`| ${s.count} | ${ms(nrMs)} | ${psText} | ${ratio} | ${(nrMs * 1000 / s.count).toFixed(1)} | ${perItem} |`);
  }
}

const all = [...chains, ...splits];
await deployNodeRed(all);
await deployStudio(all);
console.log(`# Node-RED vs ProcessStudio, ${new Date().toISOString()}`);
console.log(`load average before: ${loadavg()}`);
printChains(await measureChains());
console.log(`\nload average after the chains: ${loadavg()}`);
await measureSplits();
console.log(`\nload average at the end: ${loadavg()}`);
