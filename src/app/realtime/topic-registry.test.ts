import { describe, expect, it } from 'vitest';
import { TopicRegistry, type TopicMessage } from './topic-registry.js';

describe('TopicRegistry', () => {
  it('delivers a publication to every listener of the topic with its JSON serialized once', () => {
    const topics = new TopicRegistry({ now: () => 1_700_000_000_000 });
    topics.register('jobs', 'job progress');
    const received: [TopicMessage, string][] = [];
    topics.subscribe('jobs', (message, json) => received.push([message, json]));
    topics.subscribe('jobs', (message, json) => received.push([message, json]));
    expect(topics.publish('jobs', { id: 'j1', done: 3 })).toBe(2);
    expect(received).toHaveLength(2);
    const [message, json] = received[0] as [TopicMessage, string];
    expect(message).toEqual({ topic: 'jobs', ts: 1_700_000_000_000, data: { id: 'j1', done: 3 } });
    expect(JSON.parse(json)).toEqual({ type: 'message', ...message });
    expect(received[1]?.[1]).toBe(json); // the same string, not a second serialization
  });

  it('stops delivering after unsubscribe and counts listeners', () => {
    const topics = new TopicRegistry();
    topics.register('risk', 'risk events');
    let calls = 0;
    const stop = topics.subscribe('risk', () => calls++);
    expect(topics.listenerCount('risk')).toBe(1);
    topics.publish('risk', 1);
    stop();
    expect(topics.publish('risk', 2)).toBe(0);
    expect(calls).toBe(1);
    expect(topics.listenerCount('risk')).toBe(0);
    expect(topics.listenerCount('nope')).toBe(0);
  });

  it('refuses unknown topics and badly formed names, naming them', () => {
    const topics = new TopicRegistry();
    topics.register('jobs', 'a');
    topics.register('jobs', 'registering twice keeps the first description');
    expect(topics.topics()).toEqual([{ name: 'jobs', description: 'a' }]);
    expect(() => topics.subscribe('orders', () => undefined)).toThrow(
      /topic "orders" does not exist; topics: jobs/,
    );
    expect(() => topics.publish('orders', {})).toThrow(/not registered/);
    expect(() => topics.register('Bad Name', 'x')).toThrow(/topic name "Bad Name" must be lower-case/);
    expect(topics.has('jobs')).toBe(true);
    expect(topics.has('orders')).toBe(false);
  });

  it('keeps delivering to the other listeners when one throws, and reports the failure', () => {
    const failures: string[] = [];
    const topics = new TopicRegistry({ onListenerError: (_error, topic) => failures.push(topic) });
    topics.register('bars.1m', 'minute bars');
    let delivered = 0;
    topics.subscribe('bars.1m', () => {
      throw new Error('listener bug');
    });
    topics.subscribe('bars.1m', () => delivered++);
    expect(topics.publish('bars.1m', { close: 1 })).toBe(1);
    expect(delivered).toBe(1);
    expect(failures).toEqual(['bars.1m']);
  });
});
