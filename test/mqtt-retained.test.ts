// The embedded broker answers a new subscription with the matching retained messages from its own
// index (firmware-sim/transport/broker.ts) instead of aedes' scan: exact topics, `+` and `#` filters, `#`
// matching the parent level, wildcard-first filters not matching `$` topics, and an empty retained
// payload deleting the message — as the MQTT specification (4.7) says.
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedBroker, type EmbeddedBroker } from '../firmware-sim/transport/broker.js';
import { topicMatches } from '../firmware-sim/transport/shared-subs.js';

let broker: EmbeddedBroker;

/** the retained topics a fresh subscription to `filter` receives */
async function retainedFor(filter: string): Promise<string[]> {
  const c = await mqtt.connectAsync(broker.url);
  const got: string[] = [];
  c.on('message', (topic, _p, packet) => {
    if (packet.retain) got.push(topic);
  });
  await c.subscribeAsync(filter, { qos: 1 });
  // retained messages follow the SUBACK: wait until none has come for 300 ms
  for (let seen = -1; seen !== got.length; ) {
    seen = got.length;
    await new Promise((r) => setTimeout(r, 300));
  }
  await c.endAsync();
  return got.sort();
}

beforeAll(async () => {
  broker = await startEmbeddedBroker(0);
  const c = await mqtt.connectAsync(broker.url);
  for (const t of ['a', 'a/b/c', 'a/b/d', 'a/x', '$app/a', 'gone']) await c.publishAsync(t, `v:${t}`, { qos: 1, retain: true });
  await c.publishAsync('gone', '', { qos: 1, retain: true }); // deletes it
  await c.endAsync();
});

afterAll(async () => {
  await broker?.close();
});

describe('retained messages on subscribe (embedded broker)', () => {
  it('delivers exact, + and # matches', async () => {
    expect(await retainedFor('a/x')).toEqual(['a/x']);
    expect(await retainedFor('a/b/+')).toEqual(['a/b/c', 'a/b/d']);
    expect(await retainedFor('a/#')).toEqual(['a', 'a/b/c', 'a/b/d', 'a/x']);
    expect(await retainedFor('+/x')).toEqual(['a/x']);
  });

  it('keeps $ topics from wildcard-first filters and forgets deleted messages', async () => {
    expect(await retainedFor('#')).toEqual(['a', 'a/b/c', 'a/b/d', 'a/x']);
    expect(await retainedFor('$app/#')).toEqual(['$app/a']);
    expect(await retainedFor('gone')).toEqual([]);
  });

  it('matches topic filters level by level', () => {
    const m = (f: string, t: string) => topicMatches(f.split('/'), t);
    expect(m('a/+/c', 'a/b/c')).toBe(true);
    expect(m('a/+', 'a/b/c')).toBe(false);
    expect(m('a/#', 'a')).toBe(true);
    expect(m('a/b', 'a/b/c')).toBe(false);
    expect(m('+', '$x')).toBe(false);
    expect(m('+/+', '/x')).toBe(true);
  });
});
