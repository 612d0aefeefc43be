/**
 * Shared data and shared queues: state filters share across streams and plugins, keyed by VM id
 * as in Envoy (plugins with the same vm_id see the same keys and queues).
 *
 * Shared data is a key → (bytes, cas) store: a set with a non-zero cas succeeds only when it
 * matches the key's current cas, so filters can do read-modify-write safely. Queues are FIFOs of
 * byte strings; the plugin that registered a queue is told (proxy_on_queue_ready) after each
 * enqueue, asynchronously.
 */
import { Status } from './abi.js';

interface Entry {
  value: Uint8Array;
  cas: number;
}

export class SharedData {
  private readonly maps = new Map<string, Map<string, Entry>>();
  private nextCas = 1;

  private map(vmId: string): Map<string, Entry> {
    let m = this.maps.get(vmId);
    if (!m) this.maps.set(vmId, (m = new Map()));
    return m;
  }

  get(vmId: string, key: string): Entry | undefined {
    return this.maps.get(vmId)?.get(key);
  }

  set(vmId: string, key: string, value: Uint8Array, cas: number): Status {
    const m = this.map(vmId);
    const e = m.get(key);
    if (e && cas !== 0 && cas !== e.cas) return Status.CasMismatch;
    const next = this.nextCas++;
    if (this.nextCas > 0xffffffff) this.nextCas = 1;
    if (e) {
      e.value = value;
      e.cas = next;
    } else m.set(key, { value, cas: next });
    return Status.Ok;
  }

  /** every key of one VM id (harness assertions) */
  entries(vmId: string): Map<string, Entry> {
    return this.map(vmId);
  }
}

export interface QueueOwner {
  /** called (asynchronously, by the scheduler) after data was enqueued */
  queueReady(token: number): void;
}

interface Queue {
  readonly token: number;
  readonly vmId: string;
  readonly name: string;
  owner: QueueOwner;
  readonly items: Uint8Array[];
}

export class SharedQueues {
  private readonly byName = new Map<string, Queue>();
  private readonly byToken = new Map<number, Queue>();
  private nextToken = 1;

  constructor(private readonly defer: (fn: () => void) => void) {}

  /** Register (or take over) a queue; pending items are kept. */
  register(vmId: string, name: string, owner: QueueOwner): number {
    const key = vmId + '\0' + name;
    let q = this.byName.get(key);
    if (q) {
      q.owner = owner;
      return q.token;
    }
    q = { token: this.nextToken++, vmId, name, owner, items: [] };
    this.byName.set(key, q);
    this.byToken.set(q.token, q);
    return q.token;
  }

  resolve(vmId: string, name: string): number | undefined {
    return this.byName.get(vmId + '\0' + name)?.token;
  }

  enqueue(token: number, data: Uint8Array): Status {
    const q = this.byToken.get(token);
    if (!q) return Status.NotFound;
    q.items.push(data);
    const owner = q.owner;
    this.defer(() => owner.queueReady(token));
    return Status.Ok;
  }

  dequeue(token: number): Uint8Array | typeof Status.NotFound | typeof Status.Empty {
    const q = this.byToken.get(token);
    if (!q) return Status.NotFound;
    const item = q.items.shift();
    return item ?? Status.Empty;
  }

  /** queued items of a queue (harness assertions) */
  peek(vmId: string, name: string): readonly Uint8Array[] | undefined {
    return this.byName.get(vmId + '\0' + name)?.items;
  }
}
