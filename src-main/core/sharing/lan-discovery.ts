import { Bonjour } from 'bonjour-service';
import type { DiscoveredHost } from '../../../contracts/desktop-bridge.js';

const serviceType = 'hubdeck';


/**
 * Advertises a shared host over mDNS as `_hubdeck._tcp`, so other Hubdeck apps on the LAN list
 * it under "Join a dashboard". Returns the function that withdraws the advertisement.
 */
export function advertiseHost(hostName: string, hubPath: string, onError: (error: Error) => void): (urls: readonly string[], tls: boolean) => () => void {
  return (urls, tls) => {
    const bonjour = new Bonjour({}, (error: Error) => onError(error));
    const port = Number(new URL(urls[0]!).port);
    const service = bonjour.publish({ name: `Hubdeck on ${hostName}`, type: serviceType, port, txt: { hub: hubPath, tls: tls ? '1' : '0' } });
    service.on('error', (error: Error) => onError(error));
    return () => {
      bonjour.unpublishAll();
      bonjour.destroy();
    };
  };
}

/** Lists the hosts that answer on the LAN within `timeoutMs`. */
export function discoverHosts(timeoutMs = 2000): Promise<DiscoveredHost[]> {
  return new Promise((resolve) => {
    const bonjour = new Bonjour();
    const found = new Map<string, DiscoveredHost>();
    const browser = bonjour.find({ type: serviceType }, (service) => {
      const address = service.addresses?.find((a) => !a.includes(':')) ?? service.host;
      const tls = (service.txt as Record<string, string> | undefined)?.tls === '1';
      found.set(service.name, { name: service.name, url: `${tls ? 'https' : 'http'}://${address}:${service.port}`, tls });
    });
    setTimeout(() => {
      browser.stop();
      bonjour.destroy();
      resolve([...found.values()]);
    }, timeoutMs);
  });
}
