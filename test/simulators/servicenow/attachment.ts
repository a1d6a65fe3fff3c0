import { createHash } from 'crypto';

import { json, type ApiRequest, type Reply } from '../common';
import { invalidTable, noRecord, snError } from './errors';
import { formatDateTime, newSysId } from './ids';
import { findRecord } from './lookup';
import type { ServiceNowState } from './state';

/** A stored attachment ([sys_attachment] plus the bytes). */
export interface SnAttachment {
	sys_id: string;
	table_name: string;
	table_sys_id: string;
	file_name: string;
	content_type: string;
	size_bytes: string;
	hash: string;
	sys_created_on: string;
	sys_created_by: string;
	content: Buffer;
}

/** `/api/now/attachment/file`, also under the versioned `/api/now/v1/…`. */
export const ATTACHMENT_FILE_PATH = /^\/api\/now(?:\/v1)?\/attachment\/file\/?$/;

/**
 * `POST /api/now/attachment/file?table_name=&table_sys_id=&file_name=` with the file as the raw body and its
 * type as Content-Type (ServiceNow's Attachment API reference,
 * https://www.servicenow.com/docs/r/zurich/api-reference/rest-apis/c_AttachmentAPI.html: "You can upload or
 * retrieve a single file with each request", "Specify the file content type when uploading"; n8n's ServiceNow
 * node → Attachment → Upload sends exactly this). Answers 201 `{ result: { sys_id, file_name, … } }`.
 * Not documented, decided stricter: a missing parameter, an unknown table or a record that does not exist
 * is refused (400 / 400 / 404) instead of storing an orphan attachment; an empty file is refused (the
 * reference says a file must have at least one byte, as Okta's ServiceNow connector repeats).
 */
export function attachmentApi(state: ServiceNowState, request: ApiRequest, userName: string): Reply {
	if (request.method !== 'POST') return snError(405, 'Method not Supported');
	const query = request.url.searchParams;
	const tableName = query.get('table_name') ?? '';
	const tableSysId = query.get('table_sys_id') ?? '';
	const fileName = query.get('file_name') ?? '';
	const missing = [['table_name', tableName], ['table_sys_id', tableSysId], ['file_name', fileName]].filter(([, value]) => value === '').map(([name]) => name);
	if (missing.length > 0) return snError(400, 'Failed to create the attachment', `Missing parameter(s): ${missing.join(', ')}`);
	if (!state.tables.has(tableName)) return invalidTable(tableName);
	if (!findRecord(state, tableName, tableSysId)) return noRecord();
	const content = request.body.bytes ?? Buffer.alloc(0);
	if (content.length === 0) return snError(400, 'Failed to create the attachment', 'The file is empty');
	const contentType = String(request.headers['content-type'] ?? 'application/octet-stream').split(';')[0].trim();
	const attachment: SnAttachment = {
		sys_id: newSysId(state),
		table_name: tableName,
		table_sys_id: tableSysId,
		file_name: fileName,
		content_type: contentType,
		size_bytes: String(content.length),
		hash: createHash('sha256').update(content).digest('hex'),
		sys_created_on: formatDateTime(new Date()),
		sys_created_by: userName,
		content,
	};
	state.attachments.push(attachment);
	const { content: _bytes, ...record } = attachment;
	const origin = request.url.origin;
	return json(
		{
			result: {
				...record,
				size_compressed: record.size_bytes,
				compressed: 'false',
				download_link: `${origin}/api/now/attachment/${record.sys_id}/file`,
				sys_updated_on: record.sys_created_on,
				sys_updated_by: userName,
				sys_mod_count: '0',
				sys_tags: '',
			},
		},
		201,
	);
}
