import { MAX_SHOWN_CHARACTERS, shownValue } from '../../nodes/TeamViewer/helpers/parameterTypes';

describe('a bad value as an error shows it', () => {
	it('quotes text and writes other values as JSON', () => {
		expect(shownValue('teleport')).toBe('"teleport"');
		expect(shownValue(7)).toBe('7');
		expect(shownValue({ id: 7 })).toBe('{"id":7}');
		expect(shownValue(null)).toBe('null');
	});

	it('names undefined, and writes a value JSON cannot hold as JavaScript shows it', () => {
		const circular: Record<string, unknown> = { id: 7 };
		circular.self = circular;

		expect(shownValue(undefined)).toBe('undefined');
		expect(shownValue(circular)).toBe('[object Object]');
		expect(shownValue(Symbol('x'))).toBe('Symbol(x)');
	});

	it(`cuts what is longer than ${MAX_SHOWN_CHARACTERS} characters and says how long it was`, () => {
		const text = 'x'.repeat(MAX_SHOWN_CHARACTERS - 2);

		expect(shownValue(text)).toBe(`"${text}"`);
		expect(shownValue(`${text}y`)).toBe(`"${text}y… (${MAX_SHOWN_CHARACTERS + 1} characters)`);
	});
});
