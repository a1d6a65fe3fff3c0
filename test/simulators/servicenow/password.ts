import { createHash } from 'crypto';

/*
 * Password (2 Way Encrypted) fields. ServiceNow stores them encrypted and decrypts them only inside
 * the instance (GlideElement.getDecryptedValue()); docs "Password2 (2-way encrypted) fields" (Key
 * Management Framework), docs.servicenow.com/bundle/utah-platform-security/page/administer/
 * key-management-framework/concept/password-2way-encrypted-fields.html. What the Table API returns
 * for them is not documented (UNCONFIRMED): the simulator returns an opaque encrypted-looking value,
 * never the clear text (knob clearPasswordsOverApi).
 */

/** Base64 like GlideEncrypter's output; the same for the same record, field and password. */
export function encryptedPassword(sysId: string, field: string, clear: string): string {
	if (clear === '') return '';
	return createHash('sha256').update(`password2:${sysId}:${field}:${clear}`).digest('base64');
}
