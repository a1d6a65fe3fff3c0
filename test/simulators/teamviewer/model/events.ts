import type { SimState } from '../state';
import type { AuditEvent, AuditEventDetail, Session } from '../types';

export type EventSeed = Partial<AuditEvent> &
	Pick<AuditEvent, 'EventName' | 'EventType' | 'Timestamp'>;

/** Fields in the order TeamViewer's event log documents them. */
export function createEvent(seed: EventSeed): AuditEvent {
	return {
		EventName: seed.EventName,
		EventType: seed.EventType,
		Timestamp: seed.Timestamp,
		Author: seed.Author ?? '',
		AuthorEmail: seed.AuthorEmail ?? '',
		AffectedItem: seed.AffectedItem ?? '',
		EventDetails: seed.EventDetails ?? [],
		...(seed.rcSessionGuid ? { rcSessionGuid: seed.rcSessionGuid } : {}),
	};
}

/** An event as `POST /EventLogging` returns it: without the simulator's own `rcSessionGuid`. */
export function eventJson(event: AuditEvent): Record<string, unknown> {
	const { rcSessionGuid: _guid, ...wire } = event;
	return wire;
}

/**
 * The audit trail the simulator writes itself for service cases. The names `CreatedSession` and
 * `ClosedSession` are the simulator's own: TeamViewer documents only connection events for the Session type.
 */
export function recordSessionEvent(
	state: SimState,
	name: 'CreatedSession' | 'ClosedSession',
	session: Session,
	actorId: string,
	timestamp: string,
): void {
	const actor = state.users.get(actorId);
	const details: AuditEventDetail[] =
		name === 'CreatedSession'
			? [
					{
						PropertyName: 'SessionCode',
						PropertyCategory: 'Session',
						OldValue: null,
						NewValue: session.code,
					},
					{
						PropertyName: 'GroupId',
						PropertyCategory: 'Session',
						OldValue: null,
						NewValue: session.groupid,
					},
				]
			: [
					{
						PropertyName: 'State',
						PropertyCategory: 'Session',
						OldValue: 'Open',
						NewValue: 'Closed',
					},
				];
	state.events.push(
		createEvent({
			EventName: name,
			EventType: 'Session',
			Timestamp: timestamp,
			Author: actor?.name ?? actorId,
			AuthorEmail: actor?.email ?? '',
			AffectedItem: session.code,
			EventDetails: details,
		}),
	);
}
