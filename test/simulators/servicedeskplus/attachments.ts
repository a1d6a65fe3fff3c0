import type { ApiRequest, Reply } from '../common';
import { dateTime, invalidValue, list, mandatoryMissing, one } from './envelope';
import { findRequest } from './requests';
import { nextId, type ServiceDeskPlusState } from './state';

/** A file attached to a request (the bytes kept for tests). */
export interface SdpAttachment {
	id: string;
	requestId: string;
	name: string;
	content_type: string;
	content: Buffer;
	addedMs: number;
	addedBy: string;
}

interface FilePart {
	field: string;
	fileName: string;
	contentType: string;
	content: Buffer;
}

/** The parts of a multipart/form-data body that carry a file name. */
function fileParts(body: Buffer, contentType: string): FilePart[] {
	const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
	if (!boundary) return [];
	const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
	const parts: FilePart[] = [];
	let start = body.indexOf(delimiter);
	while (start !== -1) {
		const next = body.indexOf(delimiter, start + delimiter.length);
		if (next === -1) break;
		const part = body.subarray(start + delimiter.length + 2, next - 2);
		const split = part.indexOf('\r\n\r\n');
		if (split !== -1) {
			const headers = part.subarray(0, split).toString('utf8');
			const field = /name="([^"]*)"/i.exec(headers)?.[1];
			const fileName = /filename="([^"]*)"/i.exec(headers)?.[1];
			const type = /content-type:\s*([^\r\n;]+)/i.exec(headers)?.[1]?.trim();
			if (field !== undefined && fileName !== undefined) {
				parts.push({ field, fileName, contentType: type ?? 'application/octet-stream', content: part.subarray(split + 4) });
			}
		}
		start = next;
	}
	return parts;
}

function render(attachment: SdpAttachment, base: string) {
	return {
		id: attachment.id,
		name: attachment.name,
		content_type: attachment.content_type,
		size: { display_value: `${attachment.content.length} bytes`, value: String(attachment.content.length) },
		content_url: `${base}/attachments/${attachment.id}/download`,
		attached_on: dateTime(attachment.addedMs),
	};
}

/**
 * `PUT /api/v3/requests/{id}/upload` — multipart/form-data with the file in the part named `input_file`, one file
 * per call (ManageEngine's "V3 Attachment API Changes" page of the ServiceDesk Plus MSP admin guide:
 * https://manageengine.com/products/service-desk-msp/help/adminguide/general-features/v3-attachment-API-changes.html;
 * for SDP Cloud an assumption, README). The answer's shape is not shown there: `{ attachment: {...},
 * response_status }` here (decision, README). No file, two files, or another part name are refused (400).
 */
export function uploadAttachment(state: ServiceDeskPlusState, requestId: string, request: ApiRequest, userId: string): Reply {
	const target = findRequest(state, requestId);
	const contentType = String(request.headers['content-type'] ?? '');
	if (!contentType.toLowerCase().startsWith('multipart/form-data')) {
		throw invalidValue('input_file', `The file must be sent as multipart/form-data, got '${contentType}'.`);
	}
	const files = fileParts(request.body.bytes ?? Buffer.alloc(0), contentType);
	const named = files.filter((file) => file.field === 'input_file');
	if (named.length === 0) throw mandatoryMissing('input_file');
	if (files.length > 1) throw invalidValue('input_file', 'Only one file is allowed per call.');
	const [file] = named;
	if (file.content.length === 0) throw invalidValue('input_file', 'The file is empty.');
	const attachment: SdpAttachment = {
		id: nextId(state),
		requestId: target.id,
		name: file.fileName,
		content_type: file.contentType,
		content: Buffer.from(file.content),
		addedMs: Date.now(),
		addedBy: userId,
	};
	state.attachments.push(attachment);
	return one('attachment', render(attachment, `/api/v3/requests/${target.id}`), 200);
}

/** `GET /api/v3/requests/{id}/attachments` (same page): every file of the request, oldest first. */
export function listAttachments(state: ServiceDeskPlusState, requestId: string): Reply {
	const target = findRequest(state, requestId);
	const files = state.attachments.filter((attachment) => attachment.requestId === target.id);
	return list('attachments', files.map((attachment) => render(attachment, `/api/v3/requests/${target.id}`)), {
		has_more_rows: false,
		row_count: files.length,
		start_index: 1,
	});
}
