import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * The languages TeamViewer takes for a new user's emails, as TeamViewerPS sends them
 * (Cmdlets/Private/Resolve-TeamViewerLanguage.ps1): two-letter codes, `zh_CN`, `zh_TW` and `auto`.
 */
const LANGUAGES: Record<string, string> = {
	auto: 'Automatic',
	bg: 'Bulgarian',
	cs: 'Czech',
	da: 'Danish',
	de: 'German',
	el: 'Greek',
	en: 'English',
	es: 'Spanish',
	fi: 'Finnish',
	fr: 'French',
	hr: 'Croatian',
	hu: 'Hungarian',
	id: 'Indonesian',
	it: 'Italian',
	ja: 'Japanese',
	ko: 'Korean',
	lt: 'Lithuanian',
	nl: 'Dutch',
	no: 'Norwegian',
	pl: 'Polish',
	pt: 'Portuguese',
	ro: 'Romanian',
	ru: 'Russian',
	sk: 'Slovak',
	sr: 'Serbian',
	sv: 'Swedish',
	th: 'Thai',
	tr: 'Turkish',
	uk: 'Ukrainian',
	vi: 'Vietnamese',
	zh_CN: 'Chinese (Simplified)',
	zh_TW: 'Chinese (Traditional)',
};

export const LANGUAGE_CODES = Object.keys(LANGUAGES);

/** The options of the Language field, sorted by name: "German (de)". */
export const LANGUAGE_OPTIONS: INodePropertyOptions[] = Object.entries(LANGUAGES)
	.map(([value, name]) => ({ name: `${name} (${value})`, value }))
	.sort((a, b) => a.name.localeCompare(b.name));

/**
 * A language code in TeamViewer's form, or undefined. As TeamViewerPS resolves a culture: `zh-CN` → `zh_CN`,
 * `zh-TW` → `zh_TW`, any other `xx-YY` → its two-letter language (`de-DE` → `de`, `pt-BR` → `pt`), which must
 * then be on the list (so `zh-HK` and `nb-NO` are refused, as TeamViewerPS refuses them). Case and the
 * separator (`-` or `_`) do not matter.
 */
export function normalizeLanguage(value: string): string | undefined {
	const match = /^([a-z]{2,4})(?:[-_]([a-z0-9]{2,8}))?$/i.exec(value.trim());
	if (!match) return undefined;
	const language = match[1].toLowerCase();
	const region = match[2]?.toUpperCase();
	if (language === 'auto') return region === undefined ? 'auto' : undefined;
	if (language === 'zh' && (region === 'CN' || region === 'TW')) return `zh_${region}`;
	if (language === 'zh') return undefined;
	return LANGUAGES[language] ? language : undefined;
}
