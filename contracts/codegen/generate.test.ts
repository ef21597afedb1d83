import { describe, expect, it } from 'vitest';
import { dashboardHub } from '../dashboard-hub.js';
import { type HubContract, checkContract, method, t } from '../schema.js';
import { generate } from './generate.js';

describe('contract checks', () => {
  it('refuses references to unknown types and names that differ only by case', () => {
    const broken: HubContract = {
      name: 'BrokenHub',
      description: '',
      path: '/broken',
      types: { A: t.object({ b: t.ref('Missing') }) },
      server: { Go: method.invoke('', {}), go: method.invoke('', { x: t.ref('Nope') }) },
      client: {},
    };
    expect(() => checkContract(broken)).toThrow(
      "Contract BrokenHub is invalid:\n  A.b refers to unknown type 'Missing'\n  server method 'go' differs from another only by case\n  go(x) refers to unknown type 'Nope'",
    );
  });
});

describe('generate', () => {
  it('writes the same six files every time', () => {
    const first = generate(dashboardHub, '1.0.0');
    expect([...first.keys()]).toEqual([
      'dashboard-hub.types.ts',
      'dashboard-hub.client.ts',
      'dashboard-hub.server.ts',
      'dashboard-hub.validators.ts',
      'dashboard-hub.schema.json',
      'dashboard-hub.asyncapi.json',
    ]);
    expect(generate(dashboardHub, '1.0.0')).toEqual(first);
  });

  it('describes the hub in AsyncAPI 3 with a reply for each invoked method', () => {
    const doc = JSON.parse(generate(dashboardHub, '1.0.0').get('dashboard-hub.asyncapi.json')!);
    expect(doc.asyncapi).toBe('3.0.0');
    expect(doc.channels.DashboardHub.address).toBe('/hubs/dashboard');
    expect(doc.operations.SubscribeToMetrics.action).toBe('receive');
    expect(doc.operations.ReceiveMetrics.action).toBe('send');
    expect(doc.operations.TrackUserActivity.reply.messages[0].$ref).toBe('#/channels/DashboardHub/messages/TrackUserActivity.Completion');
    expect(doc.operations.StreamHistory.reply.messages[0].$ref).toBe('#/channels/DashboardHub/messages/StreamHistory.StreamItem');
    expect(doc.components.schemas.Metric.required).toEqual(['type', 'name', 'value', 'unit', 'tags']);
  });
});
