import { globalIgnores } from 'eslint/config';
import { config } from '@n8n/node-cli/eslint';

// @n8n/node-cli's default config (n8n Cloud rules), unchanged for everything that is packed: nodes/,
// credentials/ and package.json. test/, bench/ and scripts/ are development code that never reaches the
// tarball (package.json "files"); their fs, child_process and console use is what those rules forbid, so
// `n8n-node lint` skips them. n8n's scanner lints the same nodes/credentials/package.json set
// (scripts/scan-package.mjs). Because this file differs from the template, package.json has
// "n8n.strict": false; test/package/lintScope.test.ts checks the rules reaching shipped code are the default's.
export default [globalIgnores(['test/', 'bench/', 'scripts/'], 'development code, not packed'), ...config];
