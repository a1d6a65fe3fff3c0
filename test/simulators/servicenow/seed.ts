import { insertRecord, writerNow } from './records';
import type { ServiceNowState } from './state';

export interface SeedData {
	/**
	 * Records by table, in order (users before the incidents that reference them). Give only the
	 * fields that matter; sys_id, number, state, timestamps … default. A reference field may name its
	 * target by display value (`caller_id: 'Abel Tuter'`), as the Table API allows. Records of a table
	 * with a dictionary (standard or installed by an update set) follow its rules as API writes do:
	 * unknown fields are dropped, values coerced, unique fields enforced (a duplicate throws). A name
	 * the simulator does not know creates a schemaless table; an empty list just declares it. Seeds
	 * may set `sys_created_on`, `sys_updated_on` (`yyyy-MM-dd HH:mm:ss`), `sys_created_by` and
	 * `sys_updated_by`.
	 */
	tables?: Record<string, Array<Record<string, unknown>>>;
	/** `user_name` → password, for Basic auth and the OAuth password grant; the user must be in sys_user. */
	passwords?: Record<string, string>;
	oauthClients?: Array<{ clientId: string; clientSecret: string }>;
	/** Reference fields of schemaless tables: field name → the table it points to (e.g. `u_session: 'x_session'`). */
	references?: Record<string, string>;
}

/** The author of seeded records. */
const SEED_USER = 'admin';

const SEEDABLE_SYSTEM_FIELDS = [
	'sys_created_on',
	'sys_updated_on',
	'sys_created_by',
	'sys_updated_by',
];

export function applySeed(state: ServiceNowState, data: SeedData): void {
	for (const [field, table] of Object.entries(data.references ?? {}))
		state.references.set(field, table);
	for (const [user, password] of Object.entries(data.passwords ?? {}))
		state.passwords.set(user, password);
	for (const { clientId, clientSecret } of data.oauthClients ?? []) {
		state.oauthClients.set(clientId, clientSecret);
	}
	const writer = writerNow(SEED_USER);
	for (const [table, records] of Object.entries(data.tables ?? {})) {
		if (!state.tables.has(table)) state.tables.set(table, new Map());
		for (const fields of records) {
			const record = insertRecord(state, table, fields, writer);
			for (const field of SEEDABLE_SYSTEM_FIELDS) {
				if (typeof fields[field] === 'string') record[field] = fields[field] as string;
			}
		}
	}
}
