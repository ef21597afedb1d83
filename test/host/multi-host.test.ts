import { afterEach, describe, expect, it } from 'vitest';
import { waitUntil } from '../support/hub-fixture.js';
import { type TestHost, recorder, startTestHost } from '../support/host-fixture.js';
import { RedisServer } from '../support/redis-server.js';


describe('several hosts on one Redis serve one shared dashboard', () => {
  let redis: RedisServer | undefined;
  const hosts: TestHost[] = [];
  afterEach(async () => {
    await Promise.all(hosts.splice(0).map((h) => h.stop()));
    await redis?.stop();
  });

  it('shows every host\'s metrics and alerts to a peer connected to any one of them', async () => {
    redis = await RedisServer.start();
    hosts.push(await startTestHost({ hostName: 'alpha', redis: redis.url }), await startTestHost({ hostName: 'beta', redis: redis.url }));
    const [alpha, beta] = hosts as [TestHost, TestHost];
    await waitUntil(() => [alpha, beta].every((h) => h.host.services.status.list().some((s) => s.component === 'backplane' && s.status === 'healthy')), 'both hosts report a healthy backplane');

    const peer = await alpha.client();
    const { metrics, alerts } = recorder(peer);
    await peer.subscribeToMetrics('main', ['synthetic']);
    alpha.host.synthetic!.set('syn.load', 1);
    beta.host.synthetic!.set('syn.load', 2);
    await waitUntil(() => ['alpha', 'beta'].every((host) => metrics.some((m) => m.metrics.some((x) => x.tags.host === host))), 'metrics of both hosts arrived');
    const fromBeta = metrics.flatMap((m) => m.metrics).find((x) => x.tags.host === 'beta')!;
    expect(fromBeta).toMatchObject({ name: 'syn.load', value: 2 });

    // An alert raised by beta's engine reaches the peer on alpha.
    const owner = await beta.client();
    await owner.saveAlertRule({ id: 'beta-load', name: 'Beta load', selector: 'syn.load', comparison: '>', threshold: 5, forSeconds: 0, severity: 'warning', enabled: true });
    beta.host.synthetic!.set('syn.load', 9);
    await waitUntil(() => alerts.some((a) => a.ruleId === 'beta-load' && a.state === 'firing'), 'beta\'s alert fired');
  });
});
