import { parseColumns, parseSort, parseWhere } from './asql';

describe('ASQL subset', () => {
	it('splits AND only outside quotes, brackets and parentheses, and reads every literal kind', () => {
		const conditions = parseWhere("([Subject] = 'Tom AND Jerry''s PC') AND State >= 201 AND CreatedDate < #2025-03-01 09:30# AND TimeStamp > 0x7D0 AND ClosedDate IS NOT NULL");

		expect(conditions.map(({ path, operator, literal }) => [path.text, operator, literal])).toEqual([
			['[Subject]', '=', { kind: 'text', value: "Tom AND Jerry's PC" }],
			['State', '>=', { kind: 'number', value: 201 }],
			['CreatedDate', '<', { kind: 'date', value: '2025-03-01T09:30:00Z' }],
			['TimeStamp', '>', { kind: 'number', value: 2000 }],
			['ClosedDate', 'IS NOT NULL', undefined],
		]);
	});

	it('reads paths with pivots and relations, aliases and sort keys', () => {
		const columns = parseColumns('ID, T(SPSCommonClassBase).[State].Value AS S, [Initiator].[MailAddress] AS [Mail]');

		expect(columns?.map((column) => [column.key, column.path.segments])).toEqual([
			['ID', [{ kind: 'attribute', name: 'ID' }]],
			['S', [{ kind: 'pivot', dataDefinition: 'SPSCommonClassBase' }, { kind: 'attribute', name: 'State' }, { kind: 'attribute', name: 'Value' }]],
			['Mail', [{ kind: 'attribute', name: 'Initiator' }, { kind: 'attribute', name: 'MailAddress' }]],
		]);
		expect(parseSort('Mail DESC, ID')).toEqual([
			{ key: 'Mail', descending: true },
			{ key: 'ID', descending: false },
		]);
	});

	it('rejects OR, NOT, IN, unclosed strings and unbalanced brackets', () => {
		for (const where of ["A = 1 OR B = 2", "NOT A = 1", "A IN (1, 2)", "A = 'x", "[A = 1"]) {
			expect(() => parseWhere(where)).toThrow(/ASQL/);
		}
	});
});
