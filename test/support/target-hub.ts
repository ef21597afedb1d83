import { Hub } from '../../src-server/index.js';

/** The client methods target tests listen for. */
export interface TargetClient {
  hit(label: string): void;
  getAnswer(question: string): Promise<string>;
}

/**
 * A hub with a method per client target and group change, each sending `hit(label)`, so a
 * test can check exactly which connections a target reaches (on one server or across a cluster).
 */
export class TargetHub extends Hub<TargetClient> {
  join(group: string) {
    return this.groups.addToGroup(this.context.connectionId, group);
  }
  leave(group: string) {
    return this.groups.removeFromGroup(this.context.connectionId, group);
  }
  addOther(connectionId: string, group: string) {
    return this.groups.addToGroup(connectionId, group);
  }
  removeOther(connectionId: string, group: string) {
    return this.groups.removeFromGroup(connectionId, group);
  }
  all(label: string) {
    return this.clients.all.hit(label);
  }
  caller(label: string) {
    return this.clients.caller.hit(label);
  }
  others(label: string) {
    return this.clients.others.hit(label);
  }
  allExcept(label: string, ids: string[]) {
    return this.clients.allExcept(ids).hit(label);
  }
  client(label: string, id: string) {
    return this.clients.client(id).hit(label);
  }
  clientsOf(label: string, ids: string[]) {
    return this.clients.clients(ids).hit(label);
  }
  group(label: string, group: string) {
    return this.clients.group(group).hit(label);
  }
  groupExcept(label: string, group: string, ids: string[]) {
    return this.clients.groupExcept(group, ids).hit(label);
  }
  groupsOf(label: string, groups: string[]) {
    return this.clients.groups(groups).hit(label);
  }
  othersInGroup(label: string, group: string) {
    return this.clients.othersInGroup(group).hit(label);
  }
  user(label: string, userId: string) {
    return this.clients.user(userId).hit(label);
  }
  usersOf(label: string, userIds: string[]) {
    return this.clients.users(userIds).send('hit', label);
  }
  ask(connectionId: string, question: string) {
    return this.clients.client(connectionId).invoke('getAnswer', question);
  }
}
