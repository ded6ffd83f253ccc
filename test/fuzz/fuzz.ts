import * as fs from 'node:fs';
import * as path from 'node:path';
import { findCorpus, repoRoot } from '../../server/src/testing';
import { LspSession, type SessionOptions } from '../protocol/lspSession';
import { WorkspaceFixture } from '../protocol/workspaceFixture';
import { nextAction, type Action, type Targets } from './actions';
import { ActionRunner, FuzzFailure } from './actionRunner';
import { compareWithFreshServer } from './freshComparison';
import { parseFuzzOptions, type FuzzOptions } from './fuzzOptions';
import { Random } from './random';
import { loadSeedDocuments, type SeedDocument } from './seedDocuments';

/*
 * A bounded fuzz test of the language server: mutated documents (libvirt's corpus, our examples
 * and fixtures) opened, edited and queried at random positions over stdio. It fails on a crash, a
 * request left unanswered for 5 s, an error response that is not an answer, a handler failure in
 * the server's log, or diagnostics that differ from those of a fresh server opening the same texts.
 * `npm run fuzz -- --seconds 60 [--seed N] [--replay FILE]`.
 */

/** Actions between comparisons with a fresh server, and comparisons per server lifetime. */
const actionsPerBatch = 60;
const batchesPerServer = 4;

interface Tally {
  iterations: number;
  requests: number;
}

interface FailureRecord {
  readonly seed: number;
  readonly iteration: number;
  readonly failure: string;
  /** What was done to the server that failed, from its start. */
  readonly actions: readonly Action[];
  readonly openTexts: Record<string, string>;
}

function fuzzWorkspace(): { fixture: WorkspaceFixture; options: SessionOptions; targets: Targets } {
  const fixture = new WorkspaceFixture();
  const examples = path.join(repoRoot(), 'examples');
  for (const folder of ['networks', 'domains']) {
    for (const name of fs.readdirSync(path.join(examples, folder)))
      fixture.write(`workspace/${folder}/${name}`, fs.readFileSync(path.join(examples, folder, name), 'utf8'));
  }
  const corpus = findCorpus();
  const schemaPath = corpus ? path.join(corpus, 'src/conf/schemas') : '';
  const options = { workspaceFolder: fixture.workspaceFolder, settings: { networkPaths: [fixture.networkFolder], schemaPath } };
  const uris = [
    ...['a', 'b', 'c', 'd'].map((name) => fixture.uri(`workspace/fuzz/${name}.xml`)),
    fixture.uri('workspace/networks/mynet.xml'),
    fixture.uri('workspace/domains/web01.xml'),
    fixture.uri('netdefs/othernet.xml'),
    fixture.uri('workspace/fuzz/notes.txt'),
    'untitled:Untitled-1',
  ];
  return { fixture, options, targets: { uris } };
}

/** One server's life: actions in batches, each batch ending in a comparison with a fresh server. */
async function fuzzOneServer(
  source: (runner: ActionRunner) => Action | undefined,
  options: SessionOptions,
  tally: Tally,
  done: () => boolean,
  onFailure: (record: Omit<FailureRecord, 'seed'>) => void,
): Promise<void> {
  const session = await LspSession.start(options);
  const runner = new ActionRunner(session);
  const actions: Action[] = [];
  try {
    await session.indexed();
    for (let batch = 0; batch < batchesPerServer && !done(); batch++) {
      for (let n = 0; n < actionsPerBatch && !done(); n++) {
        const action = source(runner);
        if (!action) break;
        actions.push(action);
        tally.iterations++;
        await runner.run(action);
      }
      await compareWithFreshServer(session, runner.texts(), options);
    }
  } catch (error) {
    const failure =
      error instanceof FuzzFailure ? error.message : `the fuzzer itself failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
    onFailure({ iteration: tally.iterations, failure, actions, openTexts: Object.fromEntries(runner.texts()) });
  } finally {
    tally.requests += runner.requests;
    await session.stop();
  }
}

function writeFailure(record: FailureRecord): string {
  const folder = path.join(repoRoot(), 'test-results', 'fuzz');
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `failure-seed-${record.seed}-iteration-${record.iteration}.json`);
  fs.writeFileSync(file, `${JSON.stringify(record, null, 1)}\n`);
  return file;
}

async function fuzz(options: FuzzOptions, seeds: readonly SeedDocument[]): Promise<{ tally: Tally; failure?: FailureRecord }> {
  const { fixture, options: sessionOptions, targets } = fuzzWorkspace();
  const tally: Tally = { iterations: 0, requests: 0 };
  const deadline = Date.now() + options.seconds * 1000;
  let failure: FailureRecord | undefined;
  const onFailure = (record: Omit<FailureRecord, 'seed'>) => (failure = { seed: options.seed, ...record });
  try {
    if (options.replay) {
      const replayed: Action[] = [...(JSON.parse(fs.readFileSync(options.replay, 'utf8')) as FailureRecord).actions];
      // The recorded workspace was another temporary folder: its URIs become this one's.
      const recorded = replayed.find((action) => 'uri' in action && action.uri.startsWith('file:'));
      const rebase = rebaser(recorded && 'uri' in recorded ? recorded.uri : undefined, fixture.root);
      const queue = replayed.map((action) => JSON.parse(rebase(JSON.stringify(action))) as Action);
      await fuzzOneServer(
        () => queue.shift(),
        sessionOptions,
        tally,
        () => queue.length === 0 || failure !== undefined,
        onFailure,
      );
    } else {
      const random = new Random(options.seed);
      const done = () => Date.now() > deadline || failure !== undefined;
      const next = (runner: ActionRunner) => nextAction({ seeds, targets, open: runner.texts() }, random);
      while (!done()) await fuzzOneServer(next, sessionOptions, tally, done, onFailure);
    }
  } finally {
    fixture.remove();
  }
  return { tally, failure };
}

/** Rewrites the recorded temporary workspace's URIs into this run's. */
function rebaser(recordedUri: string | undefined, root: string): (json: string) => string {
  const match = recordedUri ? /^(file:\/\/.*?\/libvirt-xml-protocol-[^/]+)/.exec(recordedUri) : null;
  if (!match) return (json) => json;
  const target = new URL(`file://${root}`).href;
  return (json) => json.split(match[1]).join(target);
}

async function main(): Promise<number> {
  const options = parseFuzzOptions(process.argv.slice(2));
  const { seeds, notes } = loadSeedDocuments();
  for (const note of notes) console.log(`fuzz: ${note}`);
  console.log(`fuzz: ${seeds.length} seed documents, ${options.replay ? `replaying ${options.replay}` : `${options.seconds} s`}, seed ${options.seed}`);
  const started = performance.now();
  const { tally, failure } = await fuzz(options, seeds);
  const seconds = (performance.now() - started) / 1000;
  if (failure) {
    const file = writeFailure(failure);
    console.log(`fuzz: FAILED at iteration ${failure.iteration} (seed ${failure.seed}): ${failure.failure}`);
    console.log(`fuzz: the input is in ${file}; replay it with: npm run fuzz -- --seed ${failure.seed} --replay ${file}`);
  }
  console.log(`fuzz: ${tally.iterations} iterations (${(tally.iterations / seconds).toFixed(1)}/s), ${tally.requests} requests, seed ${options.seed}`);
  console.log(failure ? '0 passed, 1 failed' : '1 passed, 0 failed');
  return failure ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
