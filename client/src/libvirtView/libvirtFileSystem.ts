import * as vscode from 'vscode';
import type { DefineLibvirtObjectParams, DefineLibvirtObjectResult } from '../../../protocol/src/libvirtDefine';
import { parseLibvirtDocumentUri } from '../../../protocol/src/libvirtUris';
import { readObjectTextResult, unavailableObjectText } from '../libvirtObjectText';
import type { ReadOnlyTexts } from './readOnlyTexts';
import type { SavePrompts } from './savePrompts';

/** Asks the language server for the XML of a `libvirt:` URI (libvirtXml/libvirtObjectText), with its security info if asked; the raw answer. */
export type LibvirtObjectTextRequester = (uri: string, securityInfo: boolean) => Promise<unknown>;
/** Asks the language server to define a saved text (libvirtXml/defineLibvirtObject). */
export type LibvirtDefineRequester = (params: DefineLibvirtObjectParams) => Promise<DefineLibvirtObjectResult>;

type DefineParams = { -readonly [K in keyof DefineLibvirtObjectParams]: DefineLibvirtObjectParams[K] };
type Defined = Extract<DefineLibvirtObjectResult, { status: 'defined' }>;

/** What the file system knows of one `libvirt:` document. */
interface Entry {
  /** What VS Code was last given (read) or gave (saved) as the document's content. */
  text: string;
  /** The host's definition that content comes from (a save is checked against it); undefined when the host had none. */
  base: string | undefined;
  /** Grows whenever `text` changes: VS Code reloads a document whose time grew (unless it has unsaved changes). */
  mtime: number;
  /** Why saving cannot define it; undefined when it can. */
  readOnly: string | undefined;
  /** While a save runs: what the server reads meanwhile (our own define's event) waits for its answer. */
  saving?: boolean;
  /** After a save: the host's definition, shown once VS Code has taken in the save. */
  afterSave?: string;
}

/** After VS Code looked at the saved document (its modification time): when the host's definition replaces it. */
const afterSaveDelayMs = 50;
/** …at the latest, should VS Code not look. */
const afterSaveFallbackMs = 1000;

/**
 * The `libvirt:` documents: a network or domain as its connection defines it, editable, saved
 * by defining it (`virsh net-define` / `virsh define`, through the language server); a pool,
 * volume or network filter read-only (the server says why with each text).
 *
 * - A save libvirt refuses fails with libvirt's message: VS Code keeps the editor dirty with the
 *   user's text; the host is unchanged (the server also shows the message as a diagnostic).
 * - After a save the editor shows the definition as libvirt holds it (its formatting, the UUID
 *   and MACs it generated), so the next save redefines the same object.
 * - An object changed on the host since the editor read it: an unmodified editor is reloaded;
 *   one with unsaved changes is saved only after the user chose to overwrite (or compared first).
 * - Editing `<name>` defines a second object, after asking; the document then shows its own
 *   object again and the new one opens.
 * - A connection that refuses changes (permission, libvirt's test driver) gives read-only
 *   documents, and says why once.
 */
export class LibvirtFileSystem implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  private readonly saidReadOnly = new Set<string>();
  /** Documents the user opened with their security info (until closed): read, compared and reloaded with it. */
  private readonly withSecurityInfo = new Set<string>();
  private clock = 0;

  constructor(
    private readonly requestText: LibvirtObjectTextRequester,
    private readonly requestDefine: LibvirtDefineRequester,
    private readonly prompts: () => SavePrompts,
    private readonly diffTexts: ReadOnlyTexts,
  ) {}

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined); // every known document is followed (objectsChanged)
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    if (!parseLibvirtDocumentUri(uri.toString())) throw vscode.FileSystemError.FileNotFound(uri);
    const entry = this.entries.get(uri.toString()) ?? (await this.load(uri));
    if (entry.afterSave !== undefined) this.showAfterSave(uri, entry, afterSaveDelayMs);
    return {
      type: vscode.FileType.File,
      ctime: 0,
      mtime: entry.mtime,
      size: Buffer.byteLength(entry.text),
      permissions: entry.readOnly ? vscode.FilePermission.Readonly : undefined,
    };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const known = this.entries.get(uri.toString());
    const entry = known?.afterSave !== undefined || known?.saving ? known : await this.load(uri);
    if (entry.readOnly && entry.base !== undefined) this.sayReadOnlyOnce(entry.readOnly);
    return Buffer.from(entry.text, 'utf8');
  }

  /** Saving: define the text on its connection. Throws, with libvirt's message (or the user's choice), when nothing was defined. */
  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const entry = this.entries.get(uri.toString()) ?? (await this.load(uri));
    if (entry.readOnly) throw vscode.FileSystemError.NoPermissions(`${entry.readOnly}.`);
    entry.saving = true;
    try {
      const text = Buffer.from(content).toString('utf8');
      await this.define(uri, entry, { uri: uri.toString(), text, base: entry.base ?? '', securityInfo: this.withSecurityInfo.has(uri.toString()) });
    } finally {
      entry.saving = false;
    }
  }

  /**
   * Reads a domain with its security info (libvirt's secrets: graphics passwords and the like),
   * to be shown by the document of `uri` from now until it is closed. Resolves with why libvirt
   * refused it (the document then stays as it was), or undefined when the document has it.
   */
  async useSecurityInfo(uri: vscode.Uri): Promise<string | undefined> {
    const key = uri.toString();
    const answer = await this.askText(key, true);
    if (answer.text === undefined) return answer.error ?? 'the language server did not say why';
    const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === key);
    if (open?.isDirty) return `save or revert the unsaved changes of ${uri.path.split('/').pop() ?? key} first`;
    this.withSecurityInfo.add(key);
    if (this.entries.has(key)) await this.load(uri);
    return undefined;
  }

  /** A document was closed: opened again, it is read without security info. */
  closed(uri: vscode.Uri): void {
    this.withSecurityInfo.delete(uri.toString());
  }

  /** The server read these objects again: unmodified documents whose text or permission changed are reloaded. */
  async objectsChanged(uris: readonly string[]): Promise<void> {
    const dirty = new Set(vscode.workspace.textDocuments.filter((document) => document.isDirty).map((document) => document.uri.toString()));
    await Promise.all(
      uris.map(async (raw) => {
        const uri = vscode.Uri.parse(raw);
        if (this.entries.has(uri.toString()) && !dirty.has(uri.toString())) await this.load(uri);
      }),
    );
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  delete(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(`${uri.toString()}: undefine it with virsh (net-undefine, undefine)`);
  }

  rename(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(`${uri.toString()}: rename an object by editing its <name>, which defines a new one`);
  }

  dispose(): void {
    this.changed.dispose();
  }

  /** Asks the server to define, answering its questions with the user; resolves when defined. */
  private async define(uri: vscode.Uri, entry: Entry, params: DefineParams): Promise<void> {
    for (;;) {
      const result = await this.requestDefine(params);
      switch (result.status) {
        case 'defined':
          return this.saved(uri, entry, params.text, result);
        case 'new-name':
          if (!(await this.prompts().confirmNewName(result.message, result.kind, result.name))) throw notSaved(`${result.message} Not saved.`);
          params.allowNewName = true;
          continue;
        case 'invalid':
          if (!(await this.prompts().confirmInvalid(result.message))) throw notSaved(`${result.message}; not defined.`);
          params.skipValidation = true;
          continue;
        case 'conflict': {
          const choice = await this.prompts().resolveConflict(result.message);
          if (choice === 'compare') await this.compareWithHost(uri, result.hostText, params.text);
          if (choice !== 'overwrite') throw notSaved(`${result.message}; not saved.`);
          params.base = result.hostText ?? '';
          continue;
        }
        case 'read-only':
          entry.readOnly = result.message;
          this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
          throw vscode.FileSystemError.NoPermissions(`${result.message}.`);
        default:
          throw notSaved(result.status === 'refused' ? `libvirt refused it: ${result.message}` : result.message);
      }
    }
  }

  /**
   * A define succeeded. VS Code takes the saved text as the document's content and then asks for
   * its modification time: until then reading gives what was saved, after it the host's
   * definition with a newer time, so VS Code reloads it. A text that defined another object
   * (a new name) leaves this document with its own object's definition and opens the new one.
   */
  private saved(uri: vscode.Uri, entry: Entry, text: string, result: Defined): void {
    const sameObject = result.uri === uri.toString();
    const shown = sameObject ? result.text : (entry.base ?? text);
    entry.text = text;
    entry.base = sameObject ? result.text : entry.base;
    entry.mtime = this.tick();
    entry.afterSave = shown;
    this.showAfterSave(uri, entry, afterSaveFallbackMs);
    if (!sameObject) void vscode.window.showTextDocument(vscode.Uri.parse(result.uri), { preview: false });
  }

  private showAfterSave(uri: vscode.Uri, entry: Entry, delayMs: number): void {
    setTimeout(() => {
      if (entry.afterSave === undefined) return;
      const shown = entry.afterSave;
      entry.afterSave = undefined;
      if (shown === entry.text) return;
      entry.text = shown;
      entry.mtime = this.tick();
      this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
    }, delayMs);
  }

  /** A diff editor: the host's definition now on the left, the text being saved on the right. */
  private async compareWithHost(uri: vscode.Uri, hostText: string | undefined, text: string): Promise<void> {
    const name = uri.path.split('/').pop() ?? 'object.xml';
    const host = this.diffTexts.put(`${uri.toString()}#host`, name, hostText ?? unavailableObjectText(uri.toString(), 'it is no longer defined'));
    const yours = this.diffTexts.put(`${uri.toString()}#yours`, name, text);
    await vscode.commands.executeCommand('vscode.diff', host, yours, `${name}: on the host ↔ yours (not saved)`);
  }

  /** Reads an object from the server; for a document VS Code already holds, a change of text or permission fires a change. */
  private async load(uri: vscode.Uri): Promise<Entry> {
    const key = uri.toString();
    const answer = await this.askText(key, this.withSecurityInfo.has(key));
    const text = answer.text ?? unavailableObjectText(key, answer.error ?? 'the language server did not say why');
    const readOnly = answer.text === undefined ? (answer.error ?? 'not available') : answer.readOnly;
    const known = this.entries.get(key);
    if (!known) {
      const entry: Entry = { text, base: answer.text, mtime: this.tick(), readOnly };
      this.entries.set(key, entry);
      return entry;
    }
    if (known.saving || known.afterSave !== undefined) return known;
    const changed = known.text !== text || known.readOnly !== readOnly;
    Object.assign(known, { text, base: answer.text, readOnly, mtime: changed ? this.tick() : known.mtime });
    if (changed) this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
    return known;
  }

  private async askText(uri: string, securityInfo: boolean): Promise<{ text?: string; error?: string; readOnly?: string }> {
    try {
      const raw = await this.requestText(uri, securityInfo);
      return { ...readObjectTextResult(raw), readOnly: readOnlyOf(raw) };
    } catch (error) {
      return { error: `the language server did not answer (${error instanceof Error ? error.message : String(error)})` };
    }
  }

  /** Modification times only grow, even within one millisecond. */
  private tick(): number {
    this.clock = Math.max(this.clock + 1, Date.now());
    return this.clock;
  }

  private sayReadOnlyOnce(reason: string): void {
    if (this.saidReadOnly.has(reason)) return;
    this.saidReadOnly.add(reason);
    void vscode.window.showInformationMessage(`libvirt XML: read-only: ${reason}.`);
  }
}

function readOnlyOf(answer: unknown): string | undefined {
  const readOnly = typeof answer === 'object' && answer !== null ? (answer as { readOnly?: unknown }).readOnly : undefined;
  return typeof readOnly === 'string' && readOnly.trim() !== '' ? readOnly : undefined;
}

/** A save that defined nothing: VS Code shows the message and keeps the editor dirty. */
function notSaved(message: string): vscode.FileSystemError {
  return vscode.FileSystemError.Unavailable(message);
}
