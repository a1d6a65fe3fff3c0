/** CSM shows date-times in the API user's culture; the simulator uses en-US in UTC: `4/12/2025 3:10:12 PM`. */
export function csmDateTime(ms: number): string {
	const date = new Date(ms);
	const hours = date.getUTCHours();
	const pad = (n: number) => String(n).padStart(2, '0');
	return (
		`${date.getUTCMonth() + 1}/${date.getUTCDate()}/${date.getUTCFullYear()} ` +
		`${hours % 12 === 0 ? 12 : hours % 12}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} ` +
		(hours < 12 ? 'AM' : 'PM')
	);
}

/** `.issued` / `.expires` of token responses: RFC 1123 (`Tue, 03 Apr 2018 20:29:16 GMT`). */
export function httpDate(ms: number): string {
	return new Date(ms).toUTCString();
}
