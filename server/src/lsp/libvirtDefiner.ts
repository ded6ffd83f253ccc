import { defineLibvirtObjectMethod, type DefineLibvirtObjectParams, type DefineLibvirtObjectResult } from '../../../protocol/src/libvirtDefine';
import { libvirtObjectUri, parseLibvirtObjectUri, type LibvirtObjectRef } from '../../../protocol/src/libvirtUris';
import { failureText } from '../host/libvirt/connectionFailure';
import type { ConnectionView, HostObject } from '../host/libvirt/connectionSources';
import { defineFromText, dumpDefinition } from '../host/libvirt/virshDefine';
import { refusedChanges } from '../host/libvirt/writeAccess';
import { parseLibvirtDocument, type LibvirtDocument } from '../model/libvirtDocument';
import type { DefineFailures } from './defineFailures';
import type { DiagnosticsScheduler } from './diagnosticsScheduler';
import type { LibvirtConnections } from './libvirtConnections';
import { defineParams } from './requestParams';
import type { SchemaDiagnostics } from './schemaDiagnostics';
import type { ServerContext } from './serverContext';

type Result = DefineLibvirtObjectResult;

/**
 * Saving a `libvirt:` document: the one place the server changes the host, and only because
 * the user saved. In order: the text must be of the URI's kind and, unless the user agreed,
 * name the same object; the host's definition must still be the one the text was made from
 * (else: a conflict, as for a file changed on disk); libvirt's schemas must find no error
 * (unless the user chose to define anyway); then `virsh net-define` / `virsh define`, over the
 * read-write connection. A refusal is libvirt's own message, kept as a diagnostic of the text
 * refused; nothing else changes. After a define, the connection is read again before answering.
 */
export class LibvirtDefiner {
  constructor(
    private readonly context: ServerContext,
    private readonly libvirt: LibvirtConnections,
    private readonly schema: SchemaDiagnostics,
    private readonly failures: DefineFailures,
    private readonly diagnostics: DiagnosticsScheduler,
  ) {
    context.connection.onRequest(defineLibvirtObjectMethod, (params: unknown) => {
      const request = defineParams(params);
      return context.guard.runPromise<Result>('defining a libvirt object', { status: 'unavailable', message: 'the language server failed to define it' }, () =>
        this.define(request),
      );
    });
  }

  async define(params: DefineLibvirtObjectParams): Promise<Result> {
    const ref = parseLibvirtObjectUri(params.uri);
    const located = ref && this.libvirt.sources.locate(params.uri);
    if (!ref) return { status: 'unavailable', message: `not a libvirt object URI: ${params.uri}` };
    if (!located) return { status: 'unavailable', message: `no configured connection is labelled '${ref.connection}' (libvirtXml.connections)` };
    const { view, object } = located;
    const readOnly = await this.libvirt.readOnlyReason(view);
    if (readOnly) return { status: 'read-only', message: readOnly };

    const document = parseLibvirtDocument(params.uri, params.text);
    const root = document.xml.roots[0]?.name;
    if (root !== ref.kind)
      return { status: 'refused', message: `a ${ref.kind} is defined from a <${ref.kind}> element; this text's root is ${root ? `<${root}>` : 'missing'}` };
    const name = document.object?.kind === ref.kind ? document.object.name?.value : undefined;
    const renamed = name !== undefined && name !== ref.name;
    if (renamed && !params.allowNewName) return newNameQuestion(ref, name);

    const conflict = renamed ? undefined : await this.conflict(view, ref, object, params.base, params.securityInfo === true);
    if (conflict) return conflict;
    if (!params.skipValidation) {
      const invalid = await this.schemaErrors(document);
      if (invalid) return invalid;
    }
    const text = renamed && object ? withoutUuid(document, object.uuid) : params.text;
    return this.run(view, ref, document, name ?? ref.name, text, params.securityInfo === true);
  }

  /** Defines the text; afterwards the connection's objects are read again, so the answer and the index hold the result. */
  private async run(
    view: ConnectionView,
    ref: LibvirtObjectRef,
    document: LibvirtDocument,
    name: string,
    text: string,
    securityInfo: boolean,
  ): Promise<Result> {
    const started = performance.now();
    const outcome = await defineFromText(view.target, ref.kind, text);
    const where = `${ref.kind} '${name}' on ${view.setting.uri}`;
    if (!outcome.ok) {
      if ('failure' in outcome && outcome.failure.kind === 'permission') {
        const access = refusedChanges(view.setting.uri, outcome.failure);
        this.libvirt.writeAccess.refused(view.setting.uri, access);
        this.libvirt.treeChanged();
        return { status: 'read-only', message: access.writable ? outcome.message : access.reason };
      }
      if ('failure' in outcome) return { status: 'unavailable', message: failureText(view.setting.uri, outcome.failure) };
      this.failures.record(document, ref.kind, outcome.message);
      this.diagnostics.schedule([document.uri]);
      this.context.connection.console.info(`libvirt refused to define ${where}: ${outcome.message}`);
      return { status: 'refused', message: outcome.message };
    }
    if (this.failures.forget(document.uri)) this.diagnostics.schedule([document.uri]);
    await this.libvirt.sources.reread(view.label, ref.kind);
    const uri = libvirtObjectUri({ connection: view.label, kind: ref.kind, name });
    // Read with its security info again when the text had it: the editor goes on showing (and the
    // next save defining) the secrets, which the connection's usual reading leaves out.
    const secure = securityInfo ? (await dumpDefinition(view.target, ref.kind, name, true)).xml : undefined;
    const defined = secure ?? this.libvirt.sources.text(uri).text ?? text;
    const message = `defined ${where} in ${Math.round(performance.now() - started)} ms`;
    this.context.connection.console.info(message);
    return { status: 'defined', uri, text: defined, message };
  }

  /**
   * Whether the host's definition is still the one the text was made from (read now, not as last
   * read: an event may not have arrived yet). Without a base the user chose to overwrite.
   */
  private async conflict(
    view: ConnectionView,
    ref: LibvirtObjectRef,
    object: HostObject | undefined,
    base: string | undefined,
    securityInfo: boolean,
  ): Promise<Result | undefined> {
    if (base === undefined) return undefined;
    const now = object ? await dumpDefinition(view.target, ref.kind, object.uuid, securityInfo) : {};
    if (now.xml === undefined) {
      if (base.trim() === '') return undefined; // a new object, and still none of that name
      return { status: 'conflict', message: `${ref.kind} '${ref.name}' is no longer defined on ${view.setting.uri}: it was undefined since you opened it` };
    }
    if (now.xml.trim() === base.trim()) return undefined;
    return { status: 'conflict', hostText: now.xml, message: `${ref.kind} '${ref.name}' changed on ${view.setting.uri} since you opened it` };
  }

  private async schemaErrors(document: LibvirtDocument): Promise<Result | undefined> {
    const errors = await this.schema.validateNow(document);
    if (!errors || errors.length === 0) return undefined;
    const first = errors[0];
    const count = errors.length === 1 ? 'an error' : `${errors.length} errors`;
    return { status: 'invalid', message: `libvirt's schema finds ${count} (line ${first.range.start.line + 1}: ${String(first.message)})` };
  }
}

function newNameQuestion(ref: LibvirtObjectRef, name: string): Result {
  return {
    status: 'new-name',
    kind: ref.kind,
    name,
    currentName: ref.name,
    message: `This text defines ${ref.kind} '${name}', not '${ref.name}': saving it defines a second ${ref.kind} '${name}' and leaves '${ref.name}' as it is.`,
  };
}

/**
 * The text without the `<uuid>` of the object it was copied from: libvirt refuses a second
 * object with the UUID of another (virNetworkObjAssignDef, virDomainObjListAddLocked), and gives
 * the new one its own. Only that element's line goes; the user's text is otherwise as written.
 */
function withoutUuid(document: LibvirtDocument, uuid: string): string {
  const root = document.xml.roots[0];
  const element = root?.children.find((child) => child.name === 'uuid' && child.texts.some((text) => text.value.trim().toLowerCase() === uuid));
  if (!element) return document.xml.text;
  const text = document.xml.text;
  const lineStart = text.lastIndexOf('\n', element.start - 1) + 1;
  const lineEnd = text.indexOf('\n', element.end);
  const wholeLine = text.slice(lineStart, element.start).trim() === '' && text.slice(element.end, lineEnd < 0 ? text.length : lineEnd).trim() === '';
  return wholeLine ? text.slice(0, lineStart) + text.slice(lineEnd < 0 ? text.length : lineEnd + 1) : text.slice(0, element.start) + text.slice(element.end);
}
