/** What a message on one of this server's channels is for, read from the channel's name. */
export type ChannelRoute =
  | { readonly kind: 'all' }
  | { readonly kind: 'connection'; readonly connectionId: string }
  | { readonly kind: 'group'; readonly groupName: string }
  | { readonly kind: 'user'; readonly userId: string }
  | { readonly kind: 'groupCommands' }
  | { readonly kind: 'ack' }
  | { readonly kind: 'return' };

/**
 * The Redis channel names of one hub, laid out like ASP.NET Core's Redis backplane:
 * `{prefix}:all`, `{prefix}:connection:{id}`, `{prefix}:group:{name}`, `{prefix}:user:{id}`,
 * `{prefix}:internal:groups`, `{prefix}:internal:ack:{server}` and `{prefix}:internal:return:{server}`,
 * where the prefix is the application's channel prefix followed by the hub's name.
 */
export class RedisChannels {
  /** The application's channel prefix followed by the hub's name. */
  readonly prefix: string;
  /** Messages for every connection of the hub. */
  readonly all: string;
  /** Group changes for connections that live on another server. */
  readonly groupCommands: string;
  /** This server's acknowledgement channel. */
  readonly ownAck: string;
  /** This server's client-result channel. */
  readonly ownReturn: string;
  /**
   * This server's client-result channel as invocations name it: without the application's
   * prefix, which ASP.NET Core's Redis client adds to every channel it publishes to.
   */
  readonly ownReturnAddress: string;

  /**
   * @param channelPrefix the application's channel prefix, shared by every server of the application.
   * @param hubName the hub's name, shared by every server of the hub.
   * @param serverName this server's name, which its private channels end with.
   */
  constructor(
    private readonly channelPrefix: string,
    hubName: string,
    serverName: string,
  ) {
    this.prefix = `${channelPrefix}${hubName}`;
    this.all = `${this.prefix}:all`;
    this.groupCommands = `${this.prefix}:internal:groups`;
    this.ownAck = this.ack(serverName);
    this.ownReturn = this.returnResults(serverName);
    this.ownReturnAddress = `${hubName}:internal:return:${serverName}`;
  }

  /** The channel a client result goes to, from the return address an invocation carries. */
  returnChannel(address: string): string {
    return `${this.channelPrefix}${address}`;
  }

  connection(connectionId: string): string {
    return `${this.prefix}:connection:${connectionId}`;
  }

  group(groupName: string): string {
    return `${this.prefix}:group:${groupName}`;
  }

  user(userId: string): string {
    return `${this.prefix}:user:${userId}`;
  }

  /** Where the server `serverName` receives acknowledgements of the group commands it sent. */
  ack(serverName: string): string {
    return `${this.prefix}:internal:ack:${serverName}`;
  }

  /** Where the server `serverName` receives the client results it awaits. */
  returnResults(serverName: string): string {
    return `${this.prefix}:internal:return:${serverName}`;
  }

  /** Reads the name of a channel this server listens on; undefined for any other name. */
  route(channel: string): ChannelRoute | undefined {
    if (channel === this.all) return { kind: 'all' };
    if (channel === this.groupCommands) return { kind: 'groupCommands' };
    if (channel === this.ownAck) return { kind: 'ack' };
    if (channel === this.ownReturn) return { kind: 'return' };
    const connectionId = this.after(channel, 'connection');
    if (connectionId !== undefined) return { kind: 'connection', connectionId };
    const groupName = this.after(channel, 'group');
    if (groupName !== undefined) return { kind: 'group', groupName };
    const userId = this.after(channel, 'user');
    if (userId !== undefined) return { kind: 'user', userId };
    return undefined;
  }

  private after(channel: string, kind: string): string | undefined {
    const head = `${this.prefix}:${kind}:`;
    return channel.startsWith(head) ? channel.slice(head.length) : undefined;
  }
}
