import { bearerToken, validToken } from '../auth';
import { mustFind, requireChanges, type ApiContext, type RequestContext } from '../context';
import { badRequest, unauthorized } from '../errors';
import { EMAIL } from '../input';
import { findUserByEmail } from '../model/users';
import { json, noContent, type Reply } from '../../common/reply';
import { publicRoute, securedRoute, type Route } from '../router';

// Ping and account.

/** Answers `{token_valid:false}` or 401 for a bad token, per `pingInvalidToken` (UNCONFIRMED). */
function ping(ctx: RequestContext): Reply {
	const valid = validToken(ctx.state, bearerToken(ctx.headers), ctx.nowMs) !== undefined;
	if (!valid && ctx.config.pingInvalidToken === '401') throw unauthorized();
	return json({ token_valid: valid });
}

function getAccount(ctx: ApiContext): Reply {
	const user = mustFind(ctx, ctx.state.users, ctx.token.userId, 'User');
	const { account } = ctx.state;
	const { license } = account;
	return json({
		userid: user.id,
		email: user.email,
		name: user.name,
		company_name: account.company_name,
		profilepicture_url: null,
		license,
		email_validated: user.email_validated,
		email_language: user.email_language,
		available_licenses: [
			{
				license_type: license.license_type,
				type: license.type,
				details: license.details,
				teamViewerLicenseId: license.teamViewerLicenseId,
				isactive: license.isactive,
			},
		],
		custom_field_has_paid_license: account.custom_field_has_paid_license,
		social_login_identity_issuer: null,
	});
}

function updateAccount(ctx: ApiContext): Reply {
	requireChanges(ctx);
	const user = mustFind(ctx, ctx.state.users, ctx.token.userId, 'User');
	const { body } = ctx;
	const name = body.string('name', { min: 5, max: 50 });
	const email = body.string('email', { min: 6, max: 100, ...EMAIL });
	const password = body.string('password', { min: 6 });
	const oldPassword = body.string('oldpassword');
	const language = body.string('email_language', { min: 2, max: 10 });
	const owner = email === undefined ? undefined : findUserByEmail(ctx.state, email);
	if (owner && owner.id !== user.id) {
		throw badRequest(`The email address ${email} is already in use.`);
	}
	if (
		password !== undefined &&
		(oldPassword === undefined || (user.password ?? oldPassword) !== oldPassword)
	) {
		throw badRequest('Changing the password needs the current one in oldpassword.');
	}
	user.name = name ?? user.name;
	user.email = email ?? user.email;
	user.password = password ?? user.password;
	user.email_language = language ?? user.email_language;
	return noContent();
}

export const accountRoutes: Route[] = [
	publicRoute('GET', '/ping', ping),
	securedRoute('GET', '/account', 'account.read', getAccount),
	securedRoute('PUT', '/account', 'account.write', updateAccount),
];
