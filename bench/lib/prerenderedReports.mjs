// A connection-report server that costs next to nothing, so a benchmark measures the client and not
// the server: run as its own process (`node prerenderedReports.mjs <records.json> [latencyMs]`), it
// sorts the records once as TeamViewer does (newest end_date first, then id), renders each to JSON
// once, and answers GET /api/v1/reports/connections with `to_date` (binary search), `offset_id` (an
// index) and a `from_date` at or before the oldest start, 1000 records a page (TeamViewer's OpenAPI document).
// It prints its port on stdout. POST /latency?ms=N changes the delay added before every answer.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const PAGE = 1000;
const records = JSON.parse(readFileSync(process.argv[2], 'utf8'));
let latencyMs = Number(process.argv[3] ?? 0);
records.sort((a, b) => (a.end_date !== b.end_date ? (a.end_date < b.end_date ? 1 : -1) : a.id < b.id ? -1 : 1));
const rendered = records.map((record) => JSON.stringify(record));
const ends = records.map((record) => Date.parse(record.end_date));
const position = new Map(records.map((record, index) => [record.id, index]));
const oldestStart = Math.min(...records.map((record) => Date.parse(record.start_date)));
const pages = new Map();

/** First index whose end is before `to` (ends are descending). */
function firstBefore(to) {
	let low = 0;
	let high = ends.length;
	while (low < high) {
		const middle = (low + high) >> 1;
		if (ends[middle] < to) high = middle;
		else low = middle + 1;
	}
	return low;
}

function page(start, end) {
	const key = `${start}:${end}`;
	let body = pages.get(key);
	if (body === undefined) {
		const stop = Math.min(start + PAGE, end);
		const remaining = end - stop;
		const next = stop > start && remaining > 0 ? `,"next_offset":"${records[stop - 1].id}"` : '';
		body = `{"records":[${rendered.slice(start, stop).join(',')}],"records_remaining":${remaining}${next}}`;
		pages.set(key, body);
	}
	return body;
}

const server = createServer((request, response) => {
	const url = new URL(request.url, 'http://127.0.0.1');
	const answer = (status, body) =>
		setTimeout(() => {
			response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', date: new Date().toUTCString() });
			response.end(body);
		}, latencyMs);
	if (request.method === 'POST' && url.pathname === '/latency') {
		latencyMs = Number(url.searchParams.get('ms'));
		response.end('{}');
		return;
	}
	if (url.pathname !== '/api/v1/reports/connections') return answer(404, '{"error":"not_found"}');
	const from = url.searchParams.get('from_date');
	if (from && Date.parse(from) > oldestStart) return answer(400, '{"error":"from_date after the oldest record is not pre-rendered"}');
	const to = url.searchParams.get('to_date');
	const end = records.length;
	let start = to ? firstBefore(Date.parse(to)) : 0;
	const offset = url.searchParams.get('offset_id');
	if (offset) {
		const at = position.get(offset);
		if (at === undefined || at < start) return answer(400, `{"error":"invalid_request","error_description":"offset_id ${offset} does not belong to this result."}`);
		start = at + 1;
	}
	answer(200, page(start, end));
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
