/**
 * The sandbox console's page: plain HTML, CSS and a small script that polls /api/state and renders it.
 * Everything shown is escaped; HTML mail is shown in a sandboxed frame (no scripts), its links open
 * in a new tab.
 */
export const CONSOLE_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>TeamViewer for n8n: sandbox console</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  :root { --ink: #1f2a37; --muted: #6b7280; --line: #e5e7eb; --accent: #0e70e0; --ok: #0f7a3e; --bad: #b42318; --bg: #f6f7f9; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
  header { display: flex; gap: 16px; align-items: center; padding: 10px 18px; background: #fff; border-bottom: 1px solid var(--line); position: sticky; top: 0; z-index: 2; }
  header h1 { font-size: 16px; margin: 0; }
  header .spacer { flex: 1; }
  a { color: var(--accent); }
  main { display: grid; grid-template-columns: minmax(320px, 38%) 1fr; gap: 14px; padding: 14px 18px; }
  section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; min-width: 0; }
  h2 { font-size: 14px; margin: 2px 0 10px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
  .mail, .sms { border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; margin-bottom: 10px; }
  .meta { color: var(--muted); font-size: 12px; }
  .subject { font-weight: 600; margin: 2px 0 6px; }
  pre.text { white-space: pre-wrap; word-break: break-word; font: 13px/1.45 ui-monospace, Menlo, Consolas, monospace; margin: 0; }
  iframe.html { width: 100%; height: 260px; border: 1px solid var(--line); border-radius: 4px; background: #fff; }
  nav.tabs { display: flex; flex-wrap: wrap; gap: 6px; margin-bottom: 10px; }
  nav.tabs button { border: 1px solid var(--line); background: #fff; border-radius: 16px; padding: 4px 12px; cursor: pointer; }
  nav.tabs button.on { background: var(--accent); border-color: var(--accent); color: #fff; }
  button.act { border: 1px solid var(--accent); color: var(--accent); background: #fff; border-radius: 4px; padding: 3px 8px; margin: 2px 4px 2px 0; cursor: pointer; font-size: 12.5px; }
  button.act:hover { background: #eef5ff; }
  .ticket { border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; margin-bottom: 10px; }
  .ticket .title { font-weight: 600; }
  .status { display: inline-block; font-size: 11.5px; border-radius: 10px; padding: 0 8px; background: #eef2f7; margin-left: 6px; }
  .entry { border-left: 3px solid var(--accent); padding: 3px 8px; margin: 6px 0; background: #fafbfc; }
  .entry .kind { font-size: 11.5px; color: var(--muted); }
  table { border-collapse: collapse; width: 100%; font-size: 13px; }
  td, th { border-bottom: 1px solid var(--line); padding: 5px 6px; text-align: left; vertical-align: top; }
  td.buttons { white-space: nowrap; }
  th { color: var(--muted); font-weight: 600; font-size: 12px; }
  .online { color: var(--ok); font-weight: 600; }
  #results { position: fixed; right: 14px; bottom: 14px; width: min(520px, 90vw); max-height: 45vh; overflow: auto; z-index: 3; }
  .result { background: #fff; border: 1px solid var(--line); border-left: 4px solid var(--ok); border-radius: 6px; padding: 6px 10px; margin-top: 8px; box-shadow: 0 2px 8px rgba(0,0,0,.08); }
  .result.bad { border-left-color: var(--bad); }
  .result pre { margin: 4px 0 0; white-space: pre-wrap; word-break: break-word; font-size: 12px; }
  .empty { color: var(--muted); font-style: italic; }
  label { font-size: 13px; }
  input[type=number] { width: 64px; }
</style>
</head>
<body>
<header>
  <h1>Sandbox console</h1>
  <span class="meta">TeamViewer for n8n · everything here is simulated on this machine</span>
  <span class="spacer"></span>
  <label title="Published: the flow runs as in production. Test: after Execute workflow in the editor, the run shows there.">Buttons call
    <select id="target" data-testid="target">
      <option value="published">the published flow (/webhook)</option>
      <option value="test">the editor's test run (/webhook-test)</option>
    </select></label>
  <a id="n8n" href="#" target="_blank" rel="noopener">open n8n</a>
</header>
<main>
  <section>
    <h2>Email and text messages <span id="mailCount" class="meta"></span></h2>
    <div id="inbox"><p class="empty">Nothing sent yet. Press a button on a ticket: the email the customer gets appears here.</p></div>
  </section>
  <section>
    <nav class="tabs" id="tabs"></nav>
    <div id="panel"></div>
  </section>
</main>
<div id="results" data-testid="results"></div>
<script>
(() => {
  const $ = (id) => document.getElementById(id);
  const esc = (value) => String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
  const linkify = (text) => esc(text).replace(/https?:\\/\\/[^\\s<>"']+/g, (url) => '<a href="' + url + '" target="_blank" rel="noopener noreferrer">' + url + '</a>');
  const when = (iso) => iso ? new Date(iso).toLocaleString() : '';
  let state = null, tab = localStorage.getItem('sandbox-tab') || 'teamviewer', minutes = 15, lastJson = '';

  async function post(path, body) {
    const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...body, target: $('target').value }) });
    const answer = await response.json().catch(() => ({ error: 'no JSON answer' }));
    const bad = !response.ok || (answer.status !== undefined && answer.status >= 400);
    const box = document.createElement('div');
    box.className = 'result' + (bad ? ' bad' : '');
    box.dataset.testid = 'result';
    box.innerHTML = '<div><b>' + esc(answer.error ? 'Refused' : (answer.status !== undefined ? 'n8n answered ' + answer.status : 'Done')) + '</b> <span class="meta">' + esc(answer.what || '') + '</span></div>' +
      (answer.error || answer.body !== undefined ? '<pre>' + esc(answer.error || JSON.stringify(answer.body, null, 2)) + '</pre>' : '');
    $('results').prepend(box);
    setTimeout(() => box.remove(), 20000);
    refresh();
  }

  function mailHtml(mail, cases) {
    const joinable = cases.filter((c) => c.state === 'Open' && !c.online && (mail.text + mail.html).includes(c.end_customer_link));
    const body = mail.html
      ? '<iframe class="html" sandbox="allow-popups allow-popups-to-escape-sandbox" srcdoc="' + esc('<base target="_blank">' + mail.html) + '"></iframe>'
      : '<pre class="text">' + linkify(mail.text) + '</pre>';
    return '<div class="mail" data-testid="mail"><div class="meta">' + esc(when(mail.date)) + ' · from ' + esc(mail.from) + ' to ' + esc(mail.to.join(', ')) + (mail.cc.length ? ' · cc ' + esc(mail.cc.join(', ')) : '') + '</div>' +
      '<div class="subject">' + esc(mail.subject) + '</div>' + body +
      joinable.map((c) => '<button class="act" data-online="' + esc(c.code) + '">Simulate: the customer opens the link of ' + esc(c.code) + '</button>').join('') + '</div>';
  }

  function renderInbox() {
    const items = [
      ...state.mail.map((mail) => ({ at: mail.date, html: mailHtml(mail, state.teamviewer.cases) })),
      ...state.sms.map((sms) => ({ at: sms.createdAt, html: '<div class="sms" data-testid="sms"><div class="meta">' + esc(when(sms.createdAt)) + ' · text message from ' + esc(sms.from) + ' to ' + esc(sms.to) + '</div><pre class="text">' + linkify(sms.body) + '</pre></div>' })),
    ].sort((a, b) => String(b.at).localeCompare(String(a.at)));
    $('mailCount').textContent = state.mail.length + ' emails, ' + state.sms.length + ' texts';
    $('inbox').innerHTML = items.length ? items.map((item) => item.html).join('') : '<p class="empty">Nothing sent yet. Press a button on a ticket: the email the customer gets appears here.</p>';
  }

  function renderTabs() {
    const tabs = [['teamviewer', 'TeamViewer'], ...state.itsms.map((itsm) => [itsm.key, itsm.name])];
    $('tabs').innerHTML = tabs.map(([key, name]) => '<button data-tab="' + key + '" data-testid="tab-' + key + '" class="' + (key === tab ? 'on' : '') + '">' + esc(name) + '</button>').join('');
  }

  function renderTeamViewer() {
    const { cases, reports, reportCount } = state.teamviewer;
    const open = cases.filter((c) => c.state === 'Open');
    const rows = cases.slice(0, 40).map((c) => '<tr data-testid="case-' + esc(c.code) + '"><td><b>' + esc(c.code) + '</b><div class="meta">' + esc(c.customId || '') + '</div></td><td>' + esc(c.description || '') + '<div class="meta">' +
      esc(c.end_customer ? c.end_customer.name + ' ' + (c.end_customer.email || '') : '') + ' · ' + esc(c.group) + (c.assignee ? ' · ' + esc(c.assignee) : '') + '</div></td><td>' + esc(c.state) + (c.online ? ' <span class="online">customer online</span>' : '') +
      '<div class="meta">valid until ' + esc(when(c.valid_until)) + '</div></td><td class="buttons">' + (c.state === 'Open'
        ? (c.online ? '' : '<button class="act" data-online="' + esc(c.code) + '">Customer comes online</button>') + '<button class="act" data-connect="' + esc(c.code) + '">Supporter connected ' + minutes + ' min</button>'
        : '') + '</td></tr>').join('');
    const reportRows = reports.map((r) => '<tr data-testid="report"><td>' + esc(r.session_code || '(unattended)') + '</td><td>' + esc(r.username) + '</td><td>' + esc(r.devicename || '') + '</td><td>' + esc(when(r.start_date)) + '</td><td>' + r.minutes + ' min</td></tr>').join('');
    return '<p class="meta">' + open.length + ' open service cases. "Customer comes online" is what the TeamViewer Trigger\\'s customer-online event polls for; "Supporter connected" ends a connection of that length now, so its connection report is there for the history flows (after the report lag, if the sandbox has one). Length <input id="minutes" type="number" min="1" max="480" value="' + minutes + '"> min.</p>' +
      '<p><button class="act" data-ticket-webhook="1">Getting started: send the example ticket webhook</button></p>' +
      '<table><tr><th>Case</th><th>For</th><th>State</th><th></th></tr>' + (rows || '<tr><td colspan="4" class="empty">No service cases.</td></tr>') + '</table>' +
      '<h2 style="margin-top:16px">Connection reports (newest ' + reports.length + ' of ' + reportCount + ')</h2><table><tr><th>Session</th><th>Supporter</th><th>Device</th><th>Start</th><th>Length</th></tr>' + reportRows + '</table>';
  }

  function renderItsm(itsm) {
    const global = itsm.actions.map((a) => '<button class="act" data-itsm="' + itsm.key + '" data-action="' + esc(a.key) + '" title="' + esc(a.flow) + '">' + esc(a.label) + '</button>').join('');
    const tickets = itsm.tickets.map((t) => '<div class="ticket" data-testid="ticket-' + itsm.key + '-' + esc(t.number) + '"><div><span class="title">' + esc(t.number) + ' · ' + esc(t.title) + '</span><span class="status">' + esc(t.status) + '</span></div>' +
      '<div class="meta">' + esc(t.person) + '</div><div>' + itsm.ticketActions.map((a) => '<button class="act" data-itsm="' + itsm.key + '" data-action="' + esc(a.key) + '" data-ticket="' + esc(t.id) + '" title="' + esc(a.flow) + '">' + esc(a.label) + '</button>').join('') + '</div>' +
      t.entries.map((e) => '<div class="entry" data-testid="entry"><div class="kind">' + esc(e.kind) + ' · ' + esc(when(e.at)) + '</div><pre class="text">' + linkify(e.text) + '</pre></div>').join('') + '</div>').join('');
    return '<p>' + global + '</p>' + tickets;
  }

  function renderPanel() {
    const itsm = state.itsms.find((candidate) => candidate.key === tab);
    $('panel').innerHTML = itsm ? renderItsm(itsm) : renderTeamViewer();
  }

  async function refresh() {
    try {
      const text = await (await fetch('/api/state')).text();
      if (text === lastJson) return;
      lastJson = text;
      state = JSON.parse(text);
      $('n8n').href = state.n8nUrl;
      if (document.activeElement && document.activeElement.id === 'minutes') return;
      renderInbox(); renderTabs(); renderPanel();
    } catch (error) { /* the sandbox is restarting: next poll */ }
  }

  document.addEventListener('click', (event) => {
    const el = event.target.closest('button');
    if (!el) return;
    if (el.dataset.tab) { tab = el.dataset.tab; localStorage.setItem('sandbox-tab', tab); renderTabs(); renderPanel(); return; }
    if (el.dataset.online) return post('/api/teamviewer/sessions/' + encodeURIComponent(el.dataset.online) + '/online', {});
    if (el.dataset.connect) return post('/api/teamviewer/sessions/' + encodeURIComponent(el.dataset.connect) + '/connect', { minutes });
    if (el.dataset.ticketWebhook) return post('/api/ticket-webhook', {});
    if (el.dataset.itsm) return post('/api/itsm/' + el.dataset.itsm + '/' + el.dataset.action, el.dataset.ticket ? { ticket: el.dataset.ticket } : {});
  });
  document.addEventListener('change', (event) => {
    if (event.target.id === 'minutes') { minutes = Math.min(480, Math.max(1, Math.round(Number(event.target.value) || 15))); lastJson = ''; refresh(); }
  });
  refresh();
  setInterval(refresh, 1500);
})();
</script>
</body>
</html>
`;
