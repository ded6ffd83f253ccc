/**
 * Batch validation with the host's native libxml2: `xmllint --relaxng` (Debian's libxml2-utils),
 * for `check --schema` when it is installed. On libvirt's schemas native libxml2 takes about
 * 0.7× the CPU of libxml2-wasm and runs in its own process, beside the thread that checks the
 * next files. The findings are those SchemaValidator gives (host/schema/batchValidation.test.ts
 * compares them on the corpus): the same blanked text, the same libxml2 messages turned into
 * findings by the same code; a document with a DOCTYPE goes to libxml2-wasm (see validateBatch).
 *
 * xmllint reads files: each batch is written to a private temporary folder, removed afterwards.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseXml } from '../../parser/xmlParser';
import { blankOut, extensionTags } from '../../schema/extensionTags';
import { SchemaGrammars } from '../../schema/grammar/schemaGrammars';
import { schemaFileForRoot } from '../../schema/schemaFiles';
import type { SchemaFinding } from '../../schema/schemaTypes';
import { verdictFindings } from '../../schema/schemaVerdict';
import { asErrorDetails, xmllintVerdicts, type XmllintVerdict } from '../../schema/xmllintReport';
import { readSchemaFolder } from './schemaFolderSnapshot';
import { SchemaValidator } from './schemaValidator';
import type { BatchDocument } from './schemaWorkerProtocol';

/** Whether `xmllint` can be run (once per process). */
let installed: boolean | undefined;
export function xmllintInstalled(): boolean {
  installed ??= spawnSync('xmllint', ['--version'], { stdio: 'ignore' }).status === 0;
  return installed;
}

export class XmllintValidator {
  private grammars: Promise<SchemaGrammars> | undefined;
  /** For documents with a DOCTYPE, and batches xmllint failed on; made on first need. */
  private wasm: SchemaValidator | undefined;
  /** The batch being validated (see validateBatch). */
  private queue: Promise<unknown> = Promise.resolve();

  /**
   * Findings for each document, in order. Documents are grouped by schema (one xmllint each).
   * When xmllint fails (it went away, no temporary folder, a status without an answer), the batch
   * is validated by libxml2-wasm instead, whose own failure is then the answer.
   */
  validateBatch(documents: readonly BatchDocument[], schemaFolder: string): Promise<SchemaFinding[][]> {
    // One xmllint at a time per validator, as a worker thread takes one batch at a time: the
    // pool makes one validator per core, and more processes would only compete for the cores.
    const answer = this.queue.then(() => this.validateNow(documents, schemaFolder));
    this.queue = answer.catch(() => undefined);
    return answer;
  }

  private async validateNow(documents: readonly BatchDocument[], schemaFolder: string): Promise<SchemaFinding[][]> {
    try {
      return await this.withXmllint(documents, schemaFolder);
    } catch {
      const findings: SchemaFinding[][] = [];
      for (const document of documents) findings.push(await this.withWasm(document, schemaFolder));
      return findings;
    }
  }

  dispose(): void {
    this.grammars = undefined;
    this.wasm?.dispose();
    this.wasm = undefined;
  }

  private async withXmllint(documents: readonly BatchDocument[], schemaFolder: string): Promise<SchemaFinding[][]> {
    const findings: SchemaFinding[][] = documents.map(() => []);
    const bySchema = new Map<string, number[]>();
    for (const [at, document] of documents.entries()) {
      const schemaFile = schemaFileForRoot(document.rootName);
      // A DOCTYPE may declare entities, whose references libxml2 2.9 skips in RelaxNG validation
      // where later versions (libxml2-wasm's) refuse them: such a document, rare in libvirt's
      // files, goes to libxml2-wasm, so that the findings do not depend on the host's libxml2.
      if (document.text.includes('<!DOCTYPE')) findings[at] = await this.withWasm(document, schemaFolder);
      else if (schemaFile) bySchema.set(schemaFile, (bySchema.get(schemaFile) ?? []).concat(at));
    }
    const folder = await mkdtemp(join(tmpdir(), 'libvirt-xml-xmllint-'));
    try {
      for (const [schemaFile, members] of bySchema) {
        const files = members.map((at) => join(folder, `${at}.xml`));
        await Promise.all(members.map((at, i) => writeFile(files[i], blankOut(documents[at].text, documents[at].tags))));
        const verdicts = xmllintVerdicts(await runXmllint(join(schemaFolder, schemaFile), files), files);
        for (const [i, at] of members.entries()) findings[at] = await this.findings(documents[at], verdicts[i], schemaFolder);
      }
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
    return findings;
  }

  private withWasm({ text, rootName, tags }: BatchDocument, schemaFolder: string): Promise<SchemaFinding[]> {
    this.wasm ??= new SchemaValidator({ folderMayChange: false });
    return this.wasm.validate(text, rootName, schemaFolder, undefined, tags);
  }

  /** As SchemaValidator.validate: nothing for a text libxml2 cannot parse, else libxml2's complaints explained. */
  private async findings(document: BatchDocument, verdict: XmllintVerdict, schemaFolder: string): Promise<SchemaFinding[]> {
    if (verdict === 'failed') throw new Error('xmllint: validation generated an internal error');
    if (verdict === 'malformed' || verdict.length === 0) return [];
    this.grammars ??= readSchemaFolder(schemaFolder).then((snapshot) => SchemaGrammars.lazy(snapshot.texts));
    const parsed = parseXml(document.text);
    return verdictFindings(parsed, asErrorDetails(parsed, verdict), await this.grammars, document.rootName, new Set(extensionTags(parsed)));
  }
}

/**
 * xmllint's stderr for the files. No network, no external DTD or entity is loaded (xmllint loads
 * them only when asked: --loaddtd, --noent), so a document cannot make it read other files.
 */
function runXmllint(schemaPath: string, files: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('xmllint', ['--noout', '--nonet', '--relaxng', schemaPath, ...files], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, LC_ALL: 'C' },
    });
    const chunks: Buffer[] = [];
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', reject);
    child.on('close', (status) => {
      // 0: all valid; 3: one is invalid; 1: one could not be parsed. 5 (the schema did not compile) and others: no answer.
      if (status === 0 || status === 1 || status === 3) resolve(Buffer.concat(chunks).toString('utf8'));
      else reject(new Error(`xmllint --relaxng ${schemaPath} exited with status ${status}: ${Buffer.concat(chunks).toString('utf8').slice(0, 500)}`));
    });
  });
}
