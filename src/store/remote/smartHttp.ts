import httpNode from 'isomorphic-git/http/node';
import type { GitStore } from '../git.js';
import { objectsToSend, receivePack } from './packs.js';
import { FLUSH, PktReader, ProtocolError, pktLine, readSideband } from './pktLine.js';
import {
  type BranchUpdate,
  type BranchUpdateResult,
  type Fetched,
  type RemoteRefs,
  remoteRefs,
  type TransferOptions,
  type Transport,
} from './transport.js';
import { MemoirError } from '../../errors/index.js';
import { ZERO_OID } from '../refs.js';
import { ancestorsOfAll } from '../mergeBases.js';
import { transferError } from './transferError.js';
import type { CredentialSource } from './credentials.js';

/*
 * git's smart-HTTP protocol (gitprotocol-http, version 0/1, stateless RPC) over isomorphic-git's
 * Node HTTP client: the ref advertisement with its 401 → credentials → retry loop, and the
 * requests and replies of upload-pack and receive-pack, written and read here, so that memoir
 * decides which refs move, and when: only once a pack is whole.
 */

interface Discovery {
  refs: Map<string, string>;
  /** `HEAD` → `refs/heads/main`, from the `symref=` capability. */
  symrefs: Map<string, string>;
  capabilities: Set<string>;
}

/** How long the remote may stay silent before memoir gives up on it. */
const IDLE_TIMEOUT_MS = 60_000;

/** An HTTP status that is not 200, in the shape transferError reads. */
class HttpStatus extends Error {
  readonly code = 'HttpError';
  constructor(readonly data: { statusCode: number }) {
    super(`HTTP ${data.statusCode}`);
  }
}

export class SmartHttpTransport implements Transport {
  /** The credential the remote accepted, sent again with the next request (a push asks twice). */
  private authorization: string | undefined;

  constructor(
    private readonly url: string,
    private readonly label: string,
    private readonly agent: string,
    private readonly credentials: CredentialSource,
    /** isomorphic-git's Node HTTP client; a test may hand in another with its shape. */
    private readonly http: Pick<typeof httpNode, 'request'> = httpNode,
  ) {}

  private request(method: 'GET' | 'POST', path: string, headers: Record<string, string>, body?: Buffer) {
    return this.http.request({
      method,
      url: `${this.url.replace(/\/$/, '')}/${path}`,
      headers: {
        'user-agent': this.agent,
        ...headers,
        ...(this.authorization ? { authorization: this.authorization } : {}),
      },
      ...(body ? { body: [body] } : {}),
      fetchOptions: { timeout: IDLE_TIMEOUT_MS },
    } as Parameters<typeof httpNode.request>[0]);
  }

  /**
   * The ref advertisement (`info/refs?service=…`): on 401 or 403, the next credential is tried
   * (git's helper, the environment, a person), each once; the one accepted is told to the
   * helper and kept for the requests that follow.
   */
  private async discover(service: 'git-upload-pack' | 'git-receive-pack'): Promise<Discovery> {
    return this.guard(async () => {
      let offered: Awaited<ReturnType<CredentialSource['next']>>;
      for (;;) {
        const response = await this.request('GET', `info/refs?service=${service}`, {});
        if (response.statusCode === 401 || response.statusCode === 403) {
          await drain(response.body);
          if (offered) await this.credentials.refused(offered);
          offered = await this.credentials.next();
          if (!offered) throw new HttpStatus({ statusCode: response.statusCode });
          this.authorization = `Basic ${Buffer.from(`${offered.username}:${offered.password}`).toString('base64')}`;
          continue;
        }
        if (response.statusCode !== 200) {
          await drain(response.body);
          throw new HttpStatus({ statusCode: response.statusCode });
        }
        if (offered) await this.credentials.accepted(offered);
        if (response.headers?.['content-type'] !== `application/x-${service}-advertisement`)
          throw Object.assign(new Error('not a smart HTTP server'), { code: 'SmartHttpError' });
        return parseAdvertisement(new PktReader(response.body!), service);
      }
    });
  }

  private async post(service: string, body: Buffer): Promise<PktReader> {
    const response = await this.request(
      'POST',
      service,
      { 'content-type': `application/x-${service}-request`, accept: `application/x-${service}-result` },
      body,
    );
    if (response.statusCode !== 200) {
      await drain(response.body);
      throw new HttpStatus({ statusCode: response.statusCode });
    }
    return new PktReader(response.body!);
  }

  async listRefs(): Promise<RemoteRefs> {
    return refsOf(await this.discover('git-upload-pack'));
  }

  async fetch(local: GitStore, haves: readonly string[], options: TransferOptions = {}): Promise<Fetched> {
    const discovery = await this.discover('git-upload-pack');
    const refs = refsOf(discovery);
    const wants: string[] = [];
    for (const oid of new Set(refs.branches.values())) if (!(await local.hasObject(oid))) wants.push(oid);
    if (wants.length === 0) return refs;
    if (!discovery.capabilities.has('side-band-64k'))
      throw transferError(
        new ProtocolError('the remote does not offer side-band-64k, which memoir needs'),
        this.label,
        this.credentials.tried(),
      );
    const shallowOk = discovery.capabilities.has('shallow');
    if (options.depth !== undefined && !shallowOk)
      throw new MemoirError('depth-unsupported', `${this.label} does not serve shallow histories`, {
        hint: 'clone without --depth',
      });
    const caps = this.capabilities(discovery, [
      'side-band-64k',
      'ofs-delta',
      ...(options.onProgress ? [] : ['no-progress']),
    ]);
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
      const reader = await this.post('git-upload-pack', Buffer.concat(request));
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
    const remote = refsOf(discovery);
    const updates = await plan(remote);
    if (updates.length === 0) return { remote, results: [] };
    const sending = updates.flatMap((u) => (u.new ? [u.new] : []));
    const known = remoteHolds(local, [...remote.branches.values()], sending);
    const pack =
      sending.length > 0 ? await local.packObjects((await objectsToSend(local, sending, known)).objects) : undefined;
    const caps = this.capabilities(discovery, [
      'report-status',
      'side-band-64k',
      'atomic',
      ...(options.onProgress ? [] : ['quiet']),
    ]);
    const commands = updates.map((u, i) =>
      pktLine(
        `${u.old ?? ZERO_OID} ${u.new ?? ZERO_OID} refs/heads/${u.branch}${i === 0 ? `\0${caps.join(' ')}` : ''}\n`,
      ),
    );
    const results = await this.guard(async () => {
      const reader = await this.post('git-receive-pack', Buffer.concat([...commands, FLUSH, pack ?? Buffer.alloc(0)]));
      const report = discovery.capabilities.has('side-band-64k')
        ? new PktReader([await readSideband(reader, options.onProgress)])
        : reader;
      return readReport(report, updates);
    });
    return { remote, results };
  }

  /** The capabilities memoir asks for that the remote offers, and memoir's agent string. */
  private capabilities(discovery: Discovery, wanted: string[]): string[] {
    return [...wanted.filter((c) => discovery.capabilities.has(c)), `agent=${this.agent}`];
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

/** The branches an advertisement lists, and the one its HEAD names. */
function refsOf(discovery: Discovery): RemoteRefs {
  return remoteRefs(discovery.refs, discovery.symrefs.get('HEAD'));
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
    const present: string[] = [];
    for (const tip of advertised) if (await local.hasObject(tip)) present.push(tip);
    return ancestorsOfAll(local, present);
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

/** Reads a body to its end (a refused request's), so the connection is freed. */
async function drain(body: AsyncIterable<Uint8Array> | undefined): Promise<void> {
  if (body) for await (const _ of body);
}

/**
 * The ref advertisement of smart HTTP (gitprotocol-http): `# service=…`, a flush, then one ref
 * a line, the capabilities after a NUL on the first (`0000…0 capabilities^{}` for an empty
 * repository), and a flush.
 */
async function parseAdvertisement(reader: PktReader, service: string): Promise<Discovery> {
  const discovery: Discovery = { refs: new Map(), symrefs: new Map(), capabilities: new Set() };
  let line = await reader.readText();
  if (line !== `# service=${service}`) throw new ProtocolError('the remote did not advertise its refs');
  do line = await reader.readText();
  while (line === 'flush');
  let first = true;
  while (line !== 'flush' && line !== 'end') {
    let text = line;
    if (first) {
      const nul = text.indexOf('\0');
      if (nul >= 0) {
        for (const cap of text
          .slice(nul + 1)
          .split(' ')
          .filter(Boolean)) {
          discovery.capabilities.add(cap);
          const symref = /^symref=([^:]+):(.+)$/.exec(cap);
          if (symref) discovery.symrefs.set(symref[1], symref[2]);
        }
        text = text.slice(0, nul);
      }
      first = false;
    }
    const ref = /^([0-9a-f]{40}) (\S+)$/.exec(text);
    if (ref && ref[2] !== 'capabilities^{}') discovery.refs.set(ref[2], ref[1]);
    line = await reader.readText();
  }
  return discovery;
}
