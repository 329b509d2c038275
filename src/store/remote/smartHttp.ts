import { GitRemoteHTTP } from 'isomorphic-git/managers';
import httpNode from 'isomorphic-git/http/node';
import type { GitStore } from '../git.js';
import { objectsToSend, receivePack } from './packs.js';
import { FLUSH, PktReader, ProtocolError, pktLine, readSideband } from './pktLine.js';
import type { BranchUpdate, BranchUpdateResult, Fetched, RemoteRefs, TransferOptions, Transport } from './transport.js';
import { MemoirError } from '../../errors/index.js';
import { ZERO_OID } from '../refs.js';
import { ancestors } from '../mergeBases.js';
import { transferError } from './transferError.js';
import { authCallbacks, type CredentialSource } from './credentials.js';

/*
 * git's smart-HTTP protocol (gitprotocol-http, version 0/1, stateless RPC): isomorphic-git's
 * GitRemoteHTTP reads the advertisement and runs the 401 → credentials → retry loop over its
 * Node HTTP client; the requests and replies of upload-pack and receive-pack are written and
 * read here, so that memoir decides which refs move, and when: only once a pack is whole.
 */

type Discovery = {
  refs: Map<string, string>;
  symrefs: Map<string, string>;
  capabilities: Set<string>;
  auth: object;
};

/** How long the remote may stay silent before memoir gives up on it. */
const IDLE_TIMEOUT_MS = 60_000;

export class SmartHttpTransport implements Transport {
  constructor(
    private readonly url: string,
    private readonly label: string,
    private readonly agent: string,
    private readonly credentials: CredentialSource,
  ) {
    this.auth = authCallbacks(credentials);
  }

  private readonly auth: ReturnType<typeof authCallbacks>;

  private readonly http = {
    request: (request: Parameters<typeof httpNode.request>[0]) =>
      httpNode.request({ ...request, fetchOptions: { timeout: IDLE_TIMEOUT_MS } }),
  };

  private async discover(service: 'git-upload-pack' | 'git-receive-pack'): Promise<Discovery> {
    try {
      return (await GitRemoteHTTP.discover({
        http: this.http,
        ...this.auth,
        corsProxy: undefined,
        service,
        url: this.url,
        headers: { 'user-agent': this.agent },
        protocolVersion: 1,
      } as unknown as Parameters<typeof GitRemoteHTTP.discover>[0])) as unknown as Discovery;
    } catch (error) {
      throw transferError(error, this.label, this.credentials.tried());
    }
  }

  private async post(service: string, discovery: Discovery, body: Buffer): Promise<PktReader> {
    try {
      const response = await GitRemoteHTTP.connect({
        http: this.http,
        service,
        url: this.url,
        auth: discovery.auth,
        body: [body],
        headers: { 'user-agent': this.agent },
      } as unknown as Parameters<typeof GitRemoteHTTP.connect>[0]);
      return new PktReader(response.body as AsyncIterable<Uint8Array>);
    } catch (error) {
      throw transferError(error, this.label, this.credentials.tried());
    }
  }

  async listRefs(): Promise<RemoteRefs> {
    return remoteRefs(await this.discover('git-upload-pack'));
  }

  async fetch(local: GitStore, haves: readonly string[], options: TransferOptions = {}): Promise<Fetched> {
    const discovery = await this.discover('git-upload-pack');
    const refs = remoteRefs(discovery);
    const wants: string[] = [];
    for (const oid of new Set(refs.branches.values())) if (!(await local.hasObject(oid))) wants.push(oid);
    if (wants.length === 0) return refs;
    if (!discovery.capabilities.has('side-band-64k'))
      throw new ProtocolError('the remote does not offer side-band-64k, which memoir needs');
    const shallowOk = discovery.capabilities.has('shallow');
    if (options.depth !== undefined && !shallowOk)
      throw new MemoirError('depth-unsupported', `${this.label} does not serve shallow histories`, {
        hint: 'clone without --depth',
      });
    const caps = ['side-band-64k', 'ofs-delta', `agent=${this.agent}`].filter(
      (c) => c.startsWith('agent=') || discovery.capabilities.has(c),
    );
    if (!options.onProgress && discovery.capabilities.has('no-progress')) caps.push('no-progress');
    const request = [
      ...wants.map((oid, i) => pktLine(`want ${oid}${i === 0 ? ` ${caps.join(' ')}` : ''}\n`)),
      // a shallow store says where its history stops, or the remote would take it for whole
      ...(shallowOk ? [...local.shallowCommits()].map((oid) => pktLine(`shallow ${oid}\n`)) : []),
      ...(options.depth !== undefined ? [pktLine(`deepen ${options.depth}\n`)] : []),
      FLUSH,
      ...[...new Set(haves)].map((oid) => pktLine(`have ${oid}\n`)),
      pktLine('done\n'),
    ];
    const { pack, shallow } = await this.guard(async () => {
      const reader = await this.post('git-upload-pack', discovery, Buffer.concat(request));
      return readPackResponse(reader, options);
    });
    await this.guard(() => receivePack(local, pack, options.onProgress));
    return { ...refs, shallow };
  }

  async push(
    local: GitStore,
    plan: (remote: RemoteRefs) => Promise<BranchUpdate[]>,
    options: TransferOptions = {},
  ): Promise<{ remote: RemoteRefs; results: BranchUpdateResult[] }> {
    const discovery = await this.discover('git-receive-pack');
    const remote = remoteRefs(discovery);
    const updates = await plan(remote);
    if (updates.length === 0) return { remote, results: [] };
    const sending = updates.flatMap((u) => (u.new ? [u.new] : []));
    const known = remoteHolds(local, [...remote.branches.values()], sending);
    const pack =
      sending.length > 0 ? await local.packObjects((await objectsToSend(local, sending, known)).objects) : undefined;
    const caps = ['report-status', 'side-band-64k', 'atomic', `agent=${this.agent}`].filter(
      (c) => c.startsWith('agent=') || discovery.capabilities.has(c),
    );
    if (!options.onProgress && discovery.capabilities.has('quiet')) caps.push('quiet');
    const commands = updates.map((u, i) =>
      pktLine(
        `${u.old ?? ZERO_OID} ${u.new ?? ZERO_OID} refs/heads/${u.branch}${i === 0 ? `\0${caps.join(' ')}` : ''}\n`,
      ),
    );
    const results = await this.guard(async () => {
      const reader = await this.post(
        'git-receive-pack',
        discovery,
        Buffer.concat([...commands, FLUSH, pack ?? Buffer.alloc(0)]),
      );
      const report = discovery.capabilities.has('side-band-64k')
        ? new PktReader([await readSideband(reader, options.onProgress)])
        : reader;
      return readReport(report, updates);
    });
    return { remote, results };
  }

  /** Protocol and network failures during a transfer, in memoir's terms. */
  private async guard<T>(step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      throw transferError(error, this.label, this.credentials.tried());
    }
  }
}

function remoteRefs(discovery: Discovery): RemoteRefs {
  const branches = new Map<string, string>();
  for (const [ref, oid] of discovery.refs)
    if (ref.startsWith('refs/heads/') && /^[0-9a-f]{40}$/.test(oid)) branches.set(ref.slice(11), oid);
  const head = discovery.symrefs.get('HEAD');
  return { branches, ...(head?.startsWith('refs/heads/') ? { head: head.slice(11) } : {}) };
}

/**
 * Whether the remote holds a commit, from its advertised tips: a tip itself at once; else, for a
 * commit that is not one we are sending, whether a tip we have reaches it (the whole set built
 * once, only if asked). A fast-forward push stops at the remote's tip without reading history.
 */
function remoteHolds(local: GitStore, tips: readonly string[], sending: readonly string[]) {
  const advertised = new Set(tips);
  const ours = new Set(sending);
  let reachable: Promise<Set<string>> | undefined;
  const reachableFromTips = async () => {
    const all = new Set<string>();
    for (const tip of advertised)
      if (!all.has(tip) && (await local.hasObject(tip))) for (const oid of await ancestors(local, tip)) all.add(oid);
    return all;
  };
  return async (commit: string) =>
    advertised.has(commit) || (!ours.has(commit) && (await (reachable ??= reachableFromTips())).has(commit));
}

/**
 * upload-pack's reply to `want … done`: the shallow boundary's changes (`shallow` / `unshallow`
 * lines, after a `deepen`), one `ACK <id>` or `NAK`, then the pack in side-band packets.
 */
async function readPackResponse(
  reader: PktReader,
  options: TransferOptions,
): Promise<{ pack: Buffer; shallow: { add: string[]; remove: string[] } }> {
  const shallow = { add: [] as string[], remove: [] as string[] };
  for (;;) {
    const line = await reader.readText();
    if (line === 'end') throw new ProtocolError('the remote closed the connection before sending a pack');
    if (line === 'flush') continue;
    const boundary = /^(shallow|unshallow) ([0-9a-f]{40})$/.exec(line);
    if (boundary) {
      (boundary[1] === 'shallow' ? shallow.add : shallow.remove).push(boundary[2]);
      continue;
    }
    if (line === 'NAK' || line.startsWith('ACK ')) break;
    if (line.startsWith('ERR ')) throw new ProtocolError(`the remote says: ${line.slice(4).slice(0, 200)}`);
    throw new ProtocolError('unexpected reply from the remote');
  }
  return { pack: await readSideband(reader, options.onProgress), shallow };
}

/** receive-pack's report-status: `unpack ok`, then `ok <ref>` or `ng <ref> <reason>` for each update. */
async function readReport(reader: PktReader, updates: BranchUpdate[]): Promise<BranchUpdateResult[]> {
  const unpack = await reader.readText();
  if (typeof unpack !== 'string' || !unpack.startsWith('unpack '))
    throw new ProtocolError('the remote sent no report of the push');
  if (unpack !== 'unpack ok')
    throw new ProtocolError(`the remote could not store the objects (${unpack.slice(7, 200)})`);
  const status = new Map<string, { ok: boolean; reason?: string }>();
  for (;;) {
    const line = await reader.readText();
    if (line === 'flush' || line === 'end') break;
    const match = /^(ok|ng) refs\/heads\/(\S+)(?: (.*))?$/.exec(line);
    if (match) status.set(match[2], { ok: match[1] === 'ok', ...(match[3] ? { reason: match[3].slice(0, 200) } : {}) });
  }
  return updates.map((u) => ({
    ...u,
    ...(status.get(u.branch) ?? { ok: false, reason: 'the remote did not report it' }),
  }));
}
