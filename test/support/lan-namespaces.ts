import { execFileSync } from 'node:child_process';

/** One machine of the test LAN: a network namespace with one address on the shared segment. */
export interface LanMachine {
  readonly namespace: string;
  readonly address: string;
}

/** A LAN of network namespaces joined by veth pairs to a bridge in a namespace of its own. */
export interface TestLan {
  readonly machines: readonly LanMachine[];
  /** Deletes every namespace (and with them every link) the LAN made. */
  destroy(): void;
}

// A private range inside namespaces this test makes; nothing outside them has these addresses.
const subnet = '10.231.77';

function ip(args: string[]): void {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/**
 * Why a LAN of namespaces cannot be made here (not root, no iproute2, namespaces refused), or
 * undefined when it can. Tests skip with this reason; CI requires them (HUBDECK_REQUIRE_NETNS).
 */
export function lanUnavailableReason(): string | undefined {
  if (process.platform !== 'linux') return 'Network namespaces exist only on Linux.';
  if (process.getuid?.() !== 0) return 'Making network namespaces needs root.';
  try {
    execFileSync('ip', ['-V'], { stdio: 'ignore' });
  } catch {
    return "iproute2's ip command is not installed (scripts/install-deps.sh installs it).";
  }
  const probe = `hdprobe${process.pid}`;
  try {
    ip(['netns', 'add', probe]);
    ip(['netns', 'delete', probe]);
  } catch (error) {
    return `This machine refuses to make network namespaces: ${String((error as { stderr?: Buffer }).stderr ?? error).trim()}`;
  }
  return undefined;
}

/** Makes `count` machines on one LAN segment (10.231.77.1, .2, …) with multicast, so mDNS works between them. */
export function createLan(count: number): TestLan {
  const tag = `hd${process.pid % 100000}`;
  const sw = `${tag}sw`;
  const machines: LanMachine[] = Array.from({ length: count }, (_, i) => ({ namespace: `${tag}m${i + 1}`, address: `${subnet}.${i + 1}` }));
  const made: string[] = [];
  const destroy = () => {
    for (const namespace of made.reverse()) {
      try {
        ip(['netns', 'delete', namespace]);
      } catch {
        // Already gone.
      }
    }
  };
  try {
    ip(['netns', 'add', sw]);
    made.push(sw);
    ip(['-n', sw, 'link', 'add', 'lan', 'type', 'bridge']);
    ip(['-n', sw, 'link', 'set', 'lan', 'up']);
    machines.forEach((machine, i) => {
      ip(['netns', 'add', machine.namespace]);
      made.push(machine.namespace);
      // Made inside the machine's namespace, the veth's other end is moved to the switch at once.
      ip(['-n', machine.namespace, 'link', 'add', 'eth0', 'type', 'veth', 'peer', 'name', `port${i + 1}`]);
      ip(['-n', machine.namespace, 'link', 'set', `port${i + 1}`, 'netns', sw]);
      ip(['-n', sw, 'link', 'set', `port${i + 1}`, 'master', 'lan']);
      ip(['-n', sw, 'link', 'set', `port${i + 1}`, 'up']);
      ip(['-n', machine.namespace, 'addr', 'add', `${machine.address}/24`, 'dev', 'eth0']);
      ip(['-n', machine.namespace, 'link', 'set', 'eth0', 'up']);
      ip(['-n', machine.namespace, 'link', 'set', 'lo', 'up']);
      // mDNS sends to 224.0.0.251: multicast needs a route out of the LAN's interface.
      ip(['-n', machine.namespace, 'route', 'add', '224.0.0.0/4', 'dev', 'eth0']);
    });
  } catch (error) {
    destroy();
    throw error;
  }
  return { machines, destroy };
}
