import { matches, parseEncodedQuery, QueryError, sortBy } from './query';

const record = {
	number: 'INC0010001',
	state: '2',
	short_description: 'Outlook crashes on start',
	'caller_id.email': 'abel.tuter@example.com',
	assigned_to: '',
	priority: '3',
	sys_created_on: '2025-03-01 09:00:00',
};
const read = (path: string) => (record as Record<string, string>)[path] ?? '';
const hit = (query: string) => matches(parseEncodedQuery(query), read);

describe('encoded query', () => {
	it.each([
		['state=2', true],
		['state!=2', false],
		['priority>2', true],
		['priority>=3', true],
		['priority<3', false],
		['priority<=3', true],
		['sys_created_on>2025-02-28 23:59:59', true],
		['sys_created_on<2025-03-01', false],
		['short_descriptionSTARTSWITHoutlook', true],
		['short_descriptionENDSWITHstart', true],
		['short_descriptionLIKEcrash', true],
		['short_descriptionNOT LIKEcrash', false],
		['stateIN1,2,3', true],
		['stateNOT IN1,2,3', false],
		['assigned_toISEMPTY', true],
		['assigned_toISNOTEMPTY', false],
		['caller_id.email=Abel.Tuter@example.com', true],
		['state=1^priority=3', false],
		['state=1^ORstate=2^priority=3', true],
		['state=1^NQpriority=3', true],
		['state=1^NQpriority=4', false],
		['ORDERBYnumber', true],
		['', true],
	])('%s → %s', (query, expected) => {
		expect(hit(query)).toBe(expected);
	});

	it('collects ORDERBY and ORDERBYDESC terms in order', () => {
		expect(parseEncodedQuery('active=true^ORDERBYDESCpriority^ORDERBYnumber').orderBy).toEqual([
			{ field: 'priority', descending: true },
			{ field: 'number', descending: false },
		]);
	});

	it('sorts numbers as numbers, then by the next ORDERBY term', () => {
		const rows = [
			{ priority: '10', number: 'B' },
			{ priority: '9', number: 'C' },
			{ priority: '10', number: 'A' },
		];
		const sorted = sortBy(
			rows,
			parseEncodedQuery('ORDERBYDESCpriority^ORDERBYnumber').orderBy,
			(row) => (path) => (row as Record<string, string>)[path],
		);
		expect(sorted.map((row) => row.number)).toEqual(['A', 'B', 'C']);
	});

	it.each(['state', 'state~2', 'sys_created_on>javascript:gs.daysAgoStart(1)'])(
		'refuses what it does not understand: %s',
		(query) => {
			expect(() => parseEncodedQuery(query)).toThrow(QueryError);
		},
	);
});
