/*
 * The fixed part of ServiceNow's schema the simulator needs: table inheritance, number prefixes,
 * journal fields, choice labels and task states. Field lists are in dictionary.ts.
 */

/** Tables that extend another: a query on the parent spans its descendants. */
const PARENT: Readonly<Record<string, string>> = {
	incident: 'task',
	problem: 'task',
	change_request: 'task',
	sc_request: 'task',
	sc_req_item: 'task',
	sc_task: 'task',
	cmdb_ci_computer: 'cmdb_ci',
	cmdb_ci_server: 'cmdb_ci_computer',
	cmdb_ci_service: 'cmdb_ci',
};

/** `incident` → `['incident', 'task']`. */
export function lineage(table: string): string[] {
	const chain = [table];
	for (let parent = PARENT[table]; parent !== undefined; parent = PARENT[parent])
		chain.push(parent);
	return chain;
}

export function extendsTable(table: string, base: string): boolean {
	return lineage(table).includes(base);
}

export function isTask(table: string): boolean {
	return extendsTable(table, 'task');
}

export const NUMBER_PREFIX: Readonly<Record<string, string>> = {
	task: 'TASK',
	incident: 'INC',
	problem: 'PRB',
	change_request: 'CHG',
	sc_request: 'REQ',
	sc_req_item: 'RITM',
	sc_task: 'SCTASK',
};

/** Task fields whose writes append to the journal; reads of the field itself give ''. */
export const JOURNAL_FIELDS = ['work_notes', 'comments'] as const;
export type JournalField = (typeof JOURNAL_FIELDS)[number];

export function isJournalField(field: string): field is JournalField {
	return (JOURNAL_FIELDS as readonly string[]).includes(field);
}

export const JOURNAL_LABEL: Readonly<Record<JournalField, string>> = {
	work_notes: 'Work notes',
	comments: 'Additional comments',
};

/** Reference fields by name on schemaless tables; `SeedData.references` adds more. Dictionary tables use their dictionary. */
export const DEFAULT_REFERENCES: Readonly<Record<string, string>> = {
	caller_id: 'sys_user',
	assigned_to: 'sys_user',
	opened_by: 'sys_user',
	closed_by: 'sys_user',
	resolved_by: 'sys_user',
	requested_by: 'sys_user',
	requested_for: 'sys_user',
	manager: 'sys_user',
	assignment_group: 'sys_user_group',
	cmdb_ci: 'cmdb_ci',
	parent: 'task',
	problem_id: 'problem',
	rfc: 'change_request',
	request_item: 'sc_req_item',
};

/** Fields the API never writes: the system sets them. */
export const SYSTEM_FIELDS: ReadonlySet<string> = new Set([
	'sys_id',
	'sys_class_name',
	'sys_created_on',
	'sys_created_by',
	'sys_updated_on',
	'sys_updated_by',
	'sys_mod_count',
]);

const TASK_PRIORITY = { '1': 'High', '2': 'Medium', '3': 'Low' };

/** Choice labels for `sysparm_display_value`, looked up along the table's lineage. */
const CHOICES: Readonly<Record<string, Record<string, Record<string, string>>>> = {
	task: {
		state: {
			'1': 'Open',
			'2': 'Work in Progress',
			'3': 'Closed Complete',
			'4': 'Closed Incomplete',
		},
		impact: TASK_PRIORITY,
		urgency: TASK_PRIORITY,
		priority: {
			'1': '1 - Critical',
			'2': '2 - High',
			'3': '3 - Moderate',
			'4': '4 - Low',
			'5': '5 - Planning',
		},
	},
	incident: {
		state: {
			'1': 'New',
			'2': 'In Progress',
			'3': 'On Hold',
			'6': 'Resolved',
			'7': 'Closed',
			'8': 'Canceled',
		},
	},
	problem: {
		state: {
			'101': 'New',
			'102': 'Assess',
			'103': 'Root Cause Analysis',
			'104': 'Fix in Progress',
			'106': 'Resolved',
			'107': 'Closed',
		},
	},
	change_request: {
		state: {
			'-5': 'New',
			'-4': 'Assess',
			'-3': 'Authorize',
			'-2': 'Scheduled',
			'-1': 'Implement',
			'0': 'Review',
			'3': 'Closed',
			'4': 'Canceled',
		},
	},
};

export function choiceLabel(table: string, field: string, value: string): string | undefined {
	for (const name of lineage(table)) {
		const label = CHOICES[name]?.[field]?.[value];
		if (label !== undefined) return label;
	}
	return undefined;
}

/** `state` of a new record, and the states in which a task is no longer `active`. */
const TASK_STATES: Readonly<Record<string, { initial: string; inactive: readonly string[] }>> = {
	task: { initial: '1', inactive: ['3', '4'] },
	incident: { initial: '1', inactive: ['6', '7', '8'] },
	problem: { initial: '101', inactive: ['106', '107'] },
	change_request: { initial: '-5', inactive: ['3', '4'] },
};

export function taskStates(table: string): { initial: string; inactive: readonly string[] } {
	const name = lineage(table).find((candidate) => TASK_STATES[candidate] !== undefined);
	return TASK_STATES[name ?? 'task'];
}
