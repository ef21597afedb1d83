import type { Actor } from '../../../contracts/generated/dashboard-hub.types.js';

/** A person's name with their role beside it, so a peer who picks a lookalike name still reads as what they are. */
export function ActorName({ actor }: { readonly actor: Actor }) {
  return (
    <span className="actor" data-role={actor.role}>
      <strong>{actor.name}</strong> <span className={`badge badge-role-${actor.role}`}>{actor.role}</span>
    </span>
  );
}

/** The same, as plain text for titles and notices. */
export function actorText(actor: Actor): string {
  return `${actor.name} (${actor.role})`;
}
