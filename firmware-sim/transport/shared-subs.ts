/**
 * MQTT shared subscriptions (`$share/<group>/<filter>`, MQTT 5 §4.8.2, also used by 3.1.1 clients
 * of mosquitto, EMQX, HiveMQ) for aedes, which has none, on one node or across every node of a
 * Redis-backed broker: each message matching a group's filter goes to exactly one member of the
 * group, whichever node the member is connected to.
 *
 * How: a member's `$share/G/F` subscription is stored as `$wasmlet-share/G/<client>/F`, a filter
 * no ordinary topic matches. The node where a message is published (the only node on which aedes
 * emits `publish` for it) picks one member per (group, filter) round-robin and republishes the
 * message to `$wasmlet-share/G/<client>/<topic>`; aedes' own routing (mqemitter, over Redis
 * between nodes) and persistence (offline queues of persistent sessions) carry it to that member,
 * and `authorizeForward` gives it back its original topic. Members are known to every node from
 * retained registry messages under `$wasmlet/share/`, which the persistence shares like any
 * retained message; clients may neither publish nor subscribe there.
 *
 * Precision: a clean-session member whose node died is skipped once aedes stops counting that node
 * alive (no heartbeat for 3 heartbeat intervals, 3 minutes by default; a clean member that
 * reconnects to another node re-registers there at once); until then its share of the messages is lost,
 * as the member itself is gone. A persistent-session member keeps its share while away: it waits
 * in its offline queue, as with any subscription.
 */
import type { Aedes } from 'aedes';

const SHARE = '$share/';
const ROUTE = '$wasmlet-share/';
const REGISTRY = '$wasmlet/share/';

interface Member {
  readonly group: string;
  readonly filter: string;
  readonly levels: readonly string[];
  readonly client: string;
  readonly node: string;
  readonly qos: number;
  readonly clean: boolean;
}

interface SubLike {
  topic: string;
  qos: number;
}

interface ClientLike {
  readonly id: string;
  readonly clean: boolean;
  readonly subscriptions: Record<string, unknown>;
  unsubscribe(packet: { cmd: 'unsubscribe'; unsubscriptions: string[] }, done: () => void): void;
}

interface PacketLike {
  topic: string;
  payload: Buffer | string;
  qos: 0 | 1 | 2;
  retain: boolean;
  properties?: unknown;
}

interface Persistence {
  createRetainedStream(pattern: string): AsyncIterable<PacketLike>;
  removeSubscriptions(client: unknown, topics: string[]): Promise<void>;
}

const enc = (s: string): string => encodeURIComponent(s);

/** `$share/G/F` → [G, F], or null for an ordinary or malformed filter */
export function parseShare(topic: string): [string, string] | null {
  if (!topic.startsWith(SHARE)) return null;
  const slash = topic.indexOf('/', SHARE.length);
  if (slash < 0) return null;
  const group = topic.slice(SHARE.length, slash);
  const filter = topic.slice(slash + 1);
  if (group === '' || /[+#]/.test(group) || filter === '') return null;
  return [group, filter];
}

/** MQTT topic filter matching (`+` one level, `#` the rest; wildcards first never match `$` topics) */
export function topicMatches(filter: readonly string[], topic: string): boolean {
  if (topic.startsWith('$') && (filter[0] === '+' || filter[0] === '#')) return false;
  const t = topic.split('/');
  for (let i = 0; i < filter.length; i++) {
    const f = filter[i]!;
    if (f === '#') return true;
    if (i >= t.length || (f !== '+' && f !== t[i])) return false;
  }
  return filter.length === t.length;
}

/** Give an aedes broker shared subscriptions; resolves once the registry is loaded. */
export async function enableSharedSubscriptions(aedes: Aedes): Promise<void> {
  const persistence = (aedes as unknown as { persistence: Persistence }).persistence;
  /** registry topic → member, on every node */
  const members = new Map<string, Member>();
  /** `group\0filter` → the next member index to use */
  const turn = new Map<string, number>();
  /**
   * nodes whose heartbeat this node has seen: aedes counts a node alive from its first heartbeat
   * (every heartbeatInterval) until 3 intervals without one, so only a node that was seen and is no
   * longer counted is known dead
   */
  const seen = new Set<string>();

  const registryTopic = (group: string, client: string, filter: string) => `${REGISTRY}${enc(group)}/${enc(client)}/${enc(filter)}`;
  const learn = (p: PacketLike): void => {
    const body = typeof p.payload === 'string' ? p.payload : p.payload.toString('utf8');
    if (body === '') return void members.delete(p.topic);
    try {
      const m = JSON.parse(body) as Omit<Member, 'levels'>;
      members.set(p.topic, { ...m, levels: m.filter.split('/') });
    } catch {
      // not ours: nothing else publishes under the registry, clients are refused there
    }
  };
  const publishInternal = (packet: PacketLike): Promise<void> =>
    new Promise((resolve, reject) => aedes.publish(packet as never, (e?: Error) => (e ? reject(e) : resolve())));
  const register = (m: Omit<Member, 'levels'>): Promise<void> =>
    publishInternal({ topic: registryTopic(m.group, m.client, m.filter), payload: Buffer.from(JSON.stringify(m)), qos: 0, retain: true });
  const deregister = (group: string, client: string, filter: string): Promise<void> =>
    publishInternal({ topic: registryTopic(group, client, filter), payload: Buffer.alloc(0), qos: 0, retain: true });

  for await (const p of persistence.createRetainedStream(`${REGISTRY}#`)) learn(p);
  await new Promise<void>((resolve) =>
    aedes.subscribe(`${REGISTRY}#`, (p, cb) => {
      learn(p as unknown as PacketLike);
      cb();
    }, resolve),
  );

  const authorizeSubscribe = aedes.authorizeSubscribe.bind(aedes);
  aedes.authorizeSubscribe = (client, sub, done) => {
    // a null subscription is aedes' way of answering SUBACK 0x80 (failure) without disconnecting
    if (sub.topic.startsWith(REGISTRY) || sub.topic.startsWith(ROUTE)) return done(null, null);
    const share = parseShare(sub.topic);
    if (!share) return authorizeSubscribe(client, sub, done);
    authorizeSubscribe(client, sub, (err, granted) => {
      if (err || !granted) return done(err, granted);
      const [group, filter] = share;
      const c = client as unknown as ClientLike;
      const s = granted as unknown as SubLike;
      register({ group, filter, client: c.id, node: aedes.id, qos: s.qos, clean: c.clean }).then(
        () => done(null, { ...granted, topic: `${ROUTE}${group}/${enc(c.id)}/${filter}` }),
        (e: Error) => done(e),
      );
    });
  };

  const authorizePublish = aedes.authorizePublish.bind(aedes);
  aedes.authorizePublish = (client, packet, done) => {
    if (client && (packet.topic.startsWith(REGISTRY) || packet.topic.startsWith(ROUTE) || packet.topic.startsWith(SHARE))) {
      return done(new Error(`${packet.topic}: reserved for the broker`));
    }
    authorizePublish(client, packet, done);
  };

  const authorizeForward = aedes.authorizeForward.bind(aedes);
  aedes.authorizeForward = (client, packet) => {
    if (packet.topic.startsWith(ROUTE)) {
      // `$wasmlet-share/G/<client>/<topic>`: the original topic follows the third level
      let i = ROUTE.length;
      i = packet.topic.indexOf('/', i) + 1;
      i = packet.topic.indexOf('/', i) + 1;
      return authorizeForward(client, { ...packet, topic: packet.topic.slice(i) } as typeof packet);
    }
    return authorizeForward(client, packet);
  };

  // the origin node routes each message to one member of every (group, filter) it matches
  aedes.on('publish', (packet) => {
    const topic = packet.topic;
    if (topic.startsWith('$') || members.size === 0) return;
    const alive = aedes.brokers as Record<string, unknown>;
    for (const id in alive) seen.add(id);
    const candidates = new Map<string, Member[]>();
    for (const m of members.values()) {
      if (!topicMatches(m.levels, topic)) continue;
      if (m.clean && m.node !== aedes.id && seen.has(m.node) && !(m.node in alive)) continue;
      const key = `${m.group}\0${m.filter}`;
      const l = candidates.get(key);
      if (l) l.push(m);
      else candidates.set(key, [m]);
    }
    for (const [key, list] of candidates) {
      // registry order is insertion order on one node but may differ between nodes; a stable order
      // keeps each node's round-robin fair
      list.sort((a, b) => (a.client < b.client ? -1 : a.client > b.client ? 1 : 0));
      const n = turn.get(key) ?? 0;
      turn.set(key, n + 1);
      const m = list[n % list.length]!;
      const qos = Math.min(packet.qos, m.qos) as 0 | 1 | 2;
      void publishInternal({ topic: `${ROUTE}${m.group}/${enc(m.client)}/${topic}`, payload: packet.payload as Buffer, qos, retain: false }).catch(() => {});
    }
  });

  // UNSUBSCRIBE `$share/G/F` names the filter as the client wrote it; the stored one is rewritten
  aedes.on('unsubscribe', (topics, client) => {
    const c = client as unknown as ClientLike;
    for (const t of topics) {
      const share = parseShare(t);
      if (!share) continue;
      const [group, filter] = share;
      const stored = `${ROUTE}${group}/${enc(c.id)}/${filter}`;
      if (c.subscriptions[stored]) c.unsubscribe({ cmd: 'unsubscribe', unsubscriptions: [stored] }, () => {});
      if (!c.clean) void persistence.removeSubscriptions(c, [stored]).catch(() => {});
      void deregister(group, c.id, filter).catch(() => {});
    }
  });

  // a clean session ends with its connection, and so does its membership
  aedes.on('clientDisconnect', (client) => {
    const c = client as unknown as ClientLike;
    if (!c.clean) return;
    for (const m of [...members.values()]) {
      if (m.client === c.id && m.node === aedes.id) void deregister(m.group, m.client, m.filter).catch(() => {});
    }
  });
}
