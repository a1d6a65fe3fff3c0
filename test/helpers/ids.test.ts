import {
	isUuid,
	normalizePrefixedId,
	normalizeSessionCode,
	normalizeTeamViewerId,
	toRemoteControlId,
} from '../../nodes/TeamViewer/helpers/ids';

describe('what people paste for TeamViewer IDs', () => {
	it.each([
		['123 456 789', '123456789'],
		['123456789', '123456789'],
		['r123456789', '123456789'],
		['R 123 456 789', '123456789'],
		['1 234 567 890', '1234567890'],
		['123-456-789', '123456789'],
	])('TeamViewer ID %p → %p', (input, expected) => {
		expect(normalizeTeamViewerId(input)).toBe(expected);
		expect(toRemoteControlId(input)).toBe(`r${expected}`);
	});

	it.each(['12345', 'd123456789', 'r12345678901', '', 'abc'])('rejects %p', (input) => {
		expect(normalizeTeamViewerId(input)).toBeUndefined();
	});

	it.each([
		['s123-456-789', 's123-456-789'],
		['s123456789', 's123-456-789'],
		['S123 456 789', 's123-456-789'],
		['123456789', 's123-456-789'],
	])('session code %p → %p', (input, expected) => {
		expect(normalizeSessionCode(input)).toBe(expected);
	});

	it.each(['s12-345-678', 's1234567890', 'u123'])('rejects session code %p', (input) => {
		expect(normalizeSessionCode(input)).toBeUndefined();
	});

	it('adds or keeps the entity prefix and refuses other prefixes', () => {
		expect(normalizePrefixedId('user', 'U1234567')).toBe('u1234567');
		expect(normalizePrefixedId('group', 2720325)).toBe('g2720325');
		expect(normalizePrefixedId('device', ' d42 ')).toBe('d42');
		expect(normalizePrefixedId('contact', 'u42')).toBeUndefined();
		expect(normalizePrefixedId('user', 'ada@example.com')).toBeUndefined();
	});

	it('recognises UUIDs', () => {
		expect(isUuid('7d0a6c2e-5b1f-4c59-9a53-2f3c1d0e9b11')).toBe(true);
		expect(isUuid('7d0a6c2e5b1f4c599a532f3c1d0e9b11')).toBe(false);
		expect(isUuid('7D0A6C2E-5B1F-4C59-9A53-2F3C1D0E9B11')).toBe(true);
	});

	it('takes a UUID as given: spaces are the caller\'s to trim, so what was checked is what is sent', () => {
		expect(isUuid(' 7d0a6c2e-5b1f-4c59-9a53-2f3c1d0e9b11 ')).toBe(false);
	});
});
