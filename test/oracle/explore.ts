// Developer tool, not a test (kept on purpose): runs the whole oracle matrix against the real
// libvirt and writes libvirt's raw answers to .cache/oracle/results.json, plus device-pool
// scenarios (several ports sharing one network) that the differential test does not cover.
// Use it to see what libvirt does before writing a rule; differential.test.ts is what checks
// our resolver against it (npm run test:oracle). Needs test/oracle/setup.sh first (root).
//   node out/test/oracle/explore.js [--filter REGEX] [--no-domain] [--jobs N]
// Cases run one lane at a time (a lane = the host bridge its networks use), up to N lanes
// at once (default 4).

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { libvirtAvailable, networkPortXmlFor, ORACLE_NICS, resolveDomainInterface, resolvePortBatch, resolvePorts } from './libvirtOracle';
import { domainCases, generateMatrix, type OracleCase } from './matrix';

function projectRoot(): string {
  for (let d = __dirname; d !== dirname(d); d = dirname(d)) {
    if (existsSync(join(d, 'package.json')) && existsSync(join(d, 'test/oracle/setup.sh'))) return d;
  }
  return process.cwd();
}

/** Runs fn over the items, lanes in parallel (at most `jobs`), each lane's items in order. */
async function byLane<T, R>(items: T[], lane: (t: T) => string, jobs: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  const lanes = new Map<string, number[]>();
  items.forEach((t, i) => lanes.set(lane(t), [...(lanes.get(lane(t)) ?? []), i]));
  const queue = [...lanes.values()];
  const worker = async () => {
    for (let idx = queue.shift(); idx; idx = queue.shift()) for (const i of idx) results[i] = await fn(items[i]);
  };
  await Promise.all(Array.from({ length: Math.min(jobs, queue.length) }, worker));
  return results;
}

/** Several ports on one network: which pool device each gets, and when the pool runs out. */
function poolScenarios() {
  const pool = (n: number) =>
    ORACLE_NICS.slice(0, n)
      .map((d) => `<interface dev='${d}'/>`)
      .join('');
  const port = (i: number, extra: Partial<Parameters<typeof networkPortXmlFor>[0]> = {}) =>
    networkPortXmlFor({ mac: `52:54:00:0b:00:${String(i).padStart(2, '0')}`, ...extra });
  const qbh = { virtualportXml: `<virtualport type='802.1Qbh'><parameters profileid='finance'/></virtualport>` };
  return [
    {
      id: 'pool:bridge-3dev-4ports',
      net: `<network><name>p</name><forward mode='bridge'>${pool(3)}</forward></network>`,
      ports: [1, 2, 3, 4].map((i) => port(i)),
    },
    { id: 'pool:vepa-2dev-3ports', net: `<network><name>p</name><forward mode='vepa'>${pool(2)}</forward></network>`, ports: [1, 2, 3].map((i) => port(i)) },
    {
      id: 'pool:passthrough-2dev-3ports',
      net: `<network><name>p</name><forward mode='passthrough'>${pool(2)}</forward></network>`,
      ports: [1, 2, 3].map((i) => port(i)),
    },
    {
      id: 'pool:private-2dev-3ports',
      net: `<network><name>p</name><forward mode='private'>${pool(2)}</forward></network>`,
      ports: [1, 2, 3].map((i) => port(i)),
    },
    {
      id: 'pool:private-qbh-2dev-3ports',
      net: `<network><name>p</name><forward mode='private'>${pool(2)}</forward></network>`,
      ports: [1, 2, 3].map((i) => port(i, qbh)),
    },
  ];
}

/** Per forward mode: how many port cases, ok and errors by stage. */
function printPortModes(ports: ReadonlyArray<{ forwardMode: string; ok: boolean; stage?: string }>): void {
  const summary = new Map<string, Record<string, number>>();
  for (const p of ports) {
    const row = summary.get(p.forwardMode) ?? {};
    const key = p.ok ? 'ok' : (p.stage ?? 'error');
    row[key] = (row[key] ?? 0) + 1;
    summary.set(p.forwardMode, row);
  }
  console.log('port cases per forward mode:');
  for (const [mode, row] of summary) {
    const n = Object.values(row).reduce((a, b) => a + b, 0);
    console.log(
      `  ${mode.padEnd(16)} ${String(n).padStart(3)}  ${Object.entries(row)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`,
    );
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const opt = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const filter = opt('--filter') ? new RegExp(opt('--filter')!) : undefined;
  const jobs = Number(opt('--jobs') ?? 4);
  const withDomains = !args.includes('--no-domain');

  const avail = await libvirtAvailable();
  if (avail !== true) {
    console.error(`libvirt oracle not available: ${avail}`);
    process.exit(2);
  }

  const cases = generateMatrix().filter((c) => !filter || filter.test(c.id));
  const t0 = Date.now();
  // Ports: one batch per lane (cases with the same network share its start), lanes in parallel.
  const lanes = new Map<string, OracleCase[]>();
  for (const c of cases) lanes.set(c.lane, [...(lanes.get(c.lane) ?? []), c]);
  const ports = (
    await byLane(
      [...lanes.values()],
      (l) => l[0].lane,
      jobs,
      async (laneCases) => {
        const t = Date.now();
        const ins = laneCases.map((c) => ({ networkXml: c.networkXml, portXml: networkPortXmlFor(c.iface) }));
        const rs = await resolvePortBatch(ins);
        const ms = Math.round((Date.now() - t) / laneCases.length);
        return laneCases.map((c, i) => ({ id: c.id, forwardMode: c.forwardMode, msAvg: ms, portXmlIn: ins[i].portXml, ...rs[i] }));
      },
    )
  ).flat();
  const portMs = Date.now() - t0;

  const pools = [];
  for (const s of poolScenarios()) if (!filter || filter.test(s.id)) pools.push({ id: s.id, networkXml: s.net, ...(await resolvePorts(s.net, s.ports)) });

  const t1 = Date.now();
  const doms = withDomains ? domainCases(cases) : [];
  const domains = await byLane(
    doms,
    (c) => c.lane,
    jobs,
    async (c: OracleCase) => {
      const t = Date.now();
      const r = await resolveDomainInterface(c.networkXml, c.interfaceXml);
      return { id: c.id, forwardMode: c.forwardMode, ms: Date.now() - t, ...(r.ok ? { ok: true, interfaceXml: r.interfaces.join('\n') } : r) };
    },
  );
  const domMs = Date.now() - t1;

  const outDir = join(projectRoot(), '.cache/oracle');
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, 'results.json');
  writeFileSync(file, JSON.stringify({ generated: new Date().toISOString(), ports, pools, domains }, null, 1));

  printPortModes(ports);
  const ok = ports.filter((p) => p.ok).length;
  console.log(`ports: ${ports.length} cases, ${ok} ok, ${ports.length - ok} errors; wall ${portMs} ms, ${jobs} lanes at once`);
  console.log(`pools: ${pools.length} scenarios`);
  if (withDomains) {
    const dok = domains.filter((d) => d.ok).length;
    const dsum = domains.reduce((a, d) => a + d.ms, 0);
    console.log(`domains: ${domains.length} cases, ${dok} started; wall ${domMs} ms (${(dsum / Math.max(domains.length, 1)).toFixed(0)} ms/case)`);
  }
  console.log(`results: ${file}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
