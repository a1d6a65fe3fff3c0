import { basicCredentials, isRecord, json, type ApiRequest, type Reply } from '../common';
import {
	accountResource,
	API_VERSION,
	invalidMessage,
	messageResource,
	newMessageSid,
	notAuthenticated,
	notFound,
	twilioError,
	type SmsMessage,
	type TwilioAccount,
} from './twilio';

const ACCOUNT_PATH = new RegExp(`^/${API_VERSION}/Accounts/([^/]+?)(\\.json|/Messages\\.json)$`);

export interface SmsSinkState {
	accounts: readonly TwilioAccount[];
	messages: { push(message: SmsMessage): void };
}

function stringFields(value: unknown): Record<string, string> {
	if (!isRecord(value)) return {};
	return Object.fromEntries(
		Object.entries(value).filter(
			(entry): entry is [string, string] => typeof entry[1] === 'string',
		),
	);
}

/** Basic `AccountSid:AuthToken` must name the account of the path. */
export function handleApi(sink: SmsSinkState, request: ApiRequest): Reply {
	const { pathname } = request.url;
	const match = ACCOUNT_PATH.exec(pathname);
	if (!match) return notFound(pathname);
	const [, accountSid, resource] = match;
	const credentials = basicCredentials(request.headers);
	const account = sink.accounts.find(
		(candidate) =>
			candidate.accountSid === credentials?.username &&
			candidate.authToken === credentials.password,
	);
	if (!account || account.accountSid !== accountSid) return notAuthenticated();
	if (resource === '.json') {
		return request.method === 'GET'
			? json(accountResource(accountSid))
			: twilioError(405, 20004, 'Method not allowed');
	}
	if (request.method !== 'POST') return twilioError(405, 20004, 'Method not allowed');
	const form = stringFields(request.body.value);
	const invalid = invalidMessage(form);
	if (invalid) return invalid;
	const message: SmsMessage = {
		sid: newMessageSid(),
		accountSid,
		to: form.To,
		from: form.From,
		body: form.Body,
		createdAt: new Date().toISOString(),
		statusCallback: form.StatusCallback || undefined,
	};
	sink.messages.push(message);
	return json(messageResource(message), 201);
}
