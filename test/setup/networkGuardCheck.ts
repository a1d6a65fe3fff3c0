afterAll(() => {
	const violations = (globalThis as { __networkViolations?: string[] }).__networkViolations ?? [];
	expect(violations).toEqual([]);
});
