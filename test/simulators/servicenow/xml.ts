/*
 * A small XML reader for ServiceNow's update-set exports: elements, attributes, text, CDATA, the five
 * named entities and numeric character references; comments, processing instructions and DOCTYPEs
 * are skipped. No namespaces, no DTD entities: the exports use neither.
 */

export interface XmlElement {
	name: string;
	attrs: Record<string, string>;
	children: XmlElement[];
	/** The element's own text (CDATA included), not its descendants'. */
	text: string;
}

export class XmlError extends Error {}

const NAMED: Readonly<Record<string, string>> = {
	lt: '<',
	gt: '>',
	amp: '&',
	quot: '"',
	apos: "'",
};

export function unescapeXml(text: string): string {
	return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, name: string) => {
		if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
		if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
		const value = NAMED[name];
		if (value === undefined) throw new XmlError(`Unknown entity ${whole}`);
		return value;
	});
}

const NAME = '[A-Za-z_][\\w.:-]*';
/** Sticky: matched at `lastIndex`; attribute values may hold '>'. */
const OPEN_TAG = new RegExp(
	`<(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"]*"|'[^']*'))*)\\s*(/?)>`,
	'y',
);
const ATTRIBUTE = new RegExp(`(${NAME})\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'g');
const CLOSE_TAG = new RegExp(`</(${NAME})\\s*>`, 'y');

/** Parses a document and returns its root element. */
export function parseXml(source: string): XmlElement {
	const stack: XmlElement[] = [];
	let root: XmlElement | undefined;
	let at = 0;
	const skipTo = (marker: string, what: string) => {
		const end = source.indexOf(marker, at);
		if (end < 0) throw new XmlError(`Unterminated ${what} at offset ${at}`);
		return end;
	};
	while (at < source.length) {
		const next = source.indexOf('<', at);
		const textEnd = next < 0 ? source.length : next;
		if (textEnd > at) {
			const text = source.slice(at, textEnd);
			if (stack.length > 0) stack[stack.length - 1].text += unescapeXml(text);
			else if (text.trim() !== '')
				throw new XmlError(`Text outside the root element at offset ${at}`);
			at = textEnd;
			continue;
		}
		const rest = source.slice(at, at + 9);
		if (rest.startsWith('<?')) {
			at = skipTo('?>', 'processing instruction') + 2;
		} else if (rest.startsWith('<!--')) {
			at = skipTo('-->', 'comment') + 3;
		} else if (rest.startsWith('<![CDATA[')) {
			const end = skipTo(']]>', 'CDATA section');
			if (stack.length === 0) throw new XmlError(`CDATA outside the root element at offset ${at}`);
			stack[stack.length - 1].text += source.slice(at + 9, end);
			at = end + 3;
		} else if (rest.startsWith('<!')) {
			at = skipTo('>', 'declaration') + 1;
		} else if (rest.startsWith('</')) {
			CLOSE_TAG.lastIndex = at;
			const match = CLOSE_TAG.exec(source);
			const open = stack.pop();
			if (!match || !open || open.name !== match[1]) {
				throw new XmlError(
					`Unexpected closing tag at offset ${at}${open ? ` (open: <${open.name}>)` : ''}`,
				);
			}
			at += match[0].length;
		} else {
			OPEN_TAG.lastIndex = at;
			const match = OPEN_TAG.exec(source);
			if (!match) throw new XmlError(`Malformed tag at offset ${at}: ${source.slice(at, at + 80)}`);
			const attrs: Record<string, string> = {};
			for (const attribute of match[2].matchAll(ATTRIBUTE)) {
				attrs[attribute[1]] = unescapeXml(attribute[2] ?? attribute[3] ?? '');
			}
			const element: XmlElement = { name: match[1], attrs, children: [], text: '' };
			if (stack.length > 0) stack[stack.length - 1].children.push(element);
			else if (root) throw new XmlError(`A second root element <${element.name}> at offset ${at}`);
			else root = element;
			if (match[3] !== '/') stack.push(element);
			at += match[0].length;
		}
	}
	if (stack.length > 0) throw new XmlError(`<${stack[stack.length - 1].name}> is not closed`);
	if (!root) throw new XmlError('No root element');
	return root;
}

/** The first child element of that name. */
export function child(element: XmlElement, name: string): XmlElement | undefined {
	return element.children.find((candidate) => candidate.name === name);
}

/** The text of the first child of that name, '' when there is none. */
export function childText(element: XmlElement, name: string): string {
	return child(element, name)?.text ?? '';
}
