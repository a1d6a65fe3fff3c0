import { DEMO_INTEGRATION_USER } from './demo';
import type { ServiceNowSimulator } from './simulator';

/** For the simulator's own tests: one Table API call over HTTP with the demo integration user. */
export interface Answer {
	status: number;
	body: any;
}

export const DEMO_BASIC = `Basic ${Buffer.from(`${DEMO_INTEGRATION_USER.user_name}:${DEMO_INTEGRATION_USER.password}`).toString('base64')}`;

export function apiClient(sim: () => ServiceNowSimulator) {
	return async (method: string, path: string, json?: unknown): Promise<Answer> => {
		const headers: Record<string, string> = {
			Accept: 'application/json',
			Authorization: DEMO_BASIC,
		};
		if (json !== undefined) headers['Content-Type'] = 'application/json';
		const response = await fetch(`${sim().url}${path}`, {
			method,
			headers,
			body: json === undefined ? undefined : JSON.stringify(json),
		});
		const text = await response.text();
		return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
	};
}
